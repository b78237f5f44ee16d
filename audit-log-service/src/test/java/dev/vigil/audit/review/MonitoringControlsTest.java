package dev.vigil.audit.review;

import static dev.vigil.common.contract.ReportedControls.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MonitoringControlsTest {

  @Inject MonitoringControls controls;
  @Inject Pool pool;

  @Test
  void reviewFailsUntilSomeoneReviewsAndAnOverdueHighAlertFailsItAgainUntilAcknowledged()
      throws Throwable {
    evaluate();
    assertThat(status("MON-01")).isEqualTo("FAIL");

    given()
        .auth()
        .oauth2(token("Vigil.Auditor"))
        .contentType(ContentType.JSON)
        .body("{\"note\":\"Weekly review: admin role changes and API key use checked.\"}")
        .when()
        .post("/api/v1/audit/reviews")
        .then()
        .statusCode(201)
        .body(
            "reviewer",
            org.hamcrest.Matchers.equalTo(
                java.util.UUID.nameUUIDFromBytes("tester".getBytes()).toString()));
    assertThat(status("MON-01")).isEqualTo("PASS");
    assertThat(status("MON-02")).isEqualTo("PASS");

    UUID overdue = UUID.randomUUID();
    VertxContextSupport.subscribeAndAwait(
        () ->
            pool.query(
                    "INSERT INTO security_alert (alert_id, rule, severity, subject, raised_at, last_seen_at, window_count,"
                        + " threshold, window_seconds, trigger_event_ids, status) VALUES ('"
                        + overdue
                        + "', 'brute-force', 'HIGH',"
                        + " 'account:x@source:203.0.113.99', now() - interval '2 days', now() - interval '2 days', 8, 8, 120, 'e1', 'OPEN')")
                .execute());
    evaluate();
    assertThat(status("MON-01")).isEqualTo("FAIL");
    assertThat(status("MON-02")).isEqualTo("FAIL");
    assertThat(status("MON-03")).isEqualTo("PASS");

    given()
        .auth()
        .oauth2(
            EntraIdTestResource.tokens()
                .user("tester", "Vigil.Admin")
                .claim("acrs", java.util.List.of("c1"))
                .sign())
        .contentType(ContentType.JSON)
        .body("{\"note\":\"False positive: load test from our own office.\"}")
        .when()
        .post("/api/v1/audit/alerts/" + overdue + "/acknowledge")
        .then()
        .statusCode(200);
    assertThat(status("MON-01")).isEqualTo("PASS");
    assertThat(status("MON-02")).isEqualTo("PASS");
  }

  @Test
  void aReviewNeedsANoteAndCannotBeInTheFuture() {
    given()
        .auth()
        .oauth2(token("Vigil.Auditor"))
        .contentType(ContentType.JSON)
        .body("{\"note\":\" \"}")
        .when()
        .post("/api/v1/audit/reviews")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(token("Vigil.Auditor"))
        .contentType(ContentType.JSON)
        .body("{\"note\":\"x\",\"reviewedThrough\":\"2999-01-01T00:00:00Z\"}")
        .when()
        .post("/api/v1/audit/reviews")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(token("Vigil.Reviewer"))
        .contentType(ContentType.JSON)
        .body("{\"note\":\"x\"}")
        .when()
        .post("/api/v1/audit/reviews")
        .then()
        .statusCode(403);
  }

  private void evaluate() throws Throwable {
    VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(controls::evaluate));
  }

  private static String token(String role) {
    return EntraIdTestResource.tokens().user("tester", role).sign();
  }
}
