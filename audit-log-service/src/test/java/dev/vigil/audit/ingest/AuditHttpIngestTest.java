package dev.vigil.audit.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditHttpIngestTest {

  @Test
  void shouldStoreValidEventsOfABatchAndListEveryViolation() {
    String actor = "svc-" + UUID.randomUUID();
    String batch =
        "["
            + event(actor, "apikey.used", null)
            + ","
            + "{\"occurredAt\":\"yesterday\",\"actor\":{\"id\":\"x\",\"type\":\"robot\"},\"action\":\"apikey.used\",\"outcome\":\"success\"},"
            + event(actor, "apikey.created", null)
            + "]";

    given()
        .auth()
        .oauth2(serviceToken())
        .contentType(ContentType.JSON)
        .body(batch)
        .when()
        .post("/api/v1/audit/events")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("rejected.index", contains(1))
        .body("accepted.index", contains(0, 2))
        .body("errors", hasItem(org.hamcrest.Matchers.startsWith("[1]/actor/type")));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> search(actor).body("entries", hasSize(2)));
  }

  @Test
  void shouldStoreARetriedBatchOnce() {
    String actor = "svc-" + UUID.randomUUID();
    String id = UUID.randomUUID().toString();
    String batch = "[" + event(actor, "member.removed", id) + "]";
    for (int attempt = 0; attempt < 2; attempt++) {
      given()
          .auth()
          .oauth2(serviceToken())
          .contentType(ContentType.JSON)
          .body(batch)
          .when()
          .post("/api/v1/audit/events")
          .then()
          .statusCode(202)
          .body("accepted[0].id", equalTo(id));
    }
    String sentinel = "[" + event(actor, "member.added", null) + "]";
    given()
        .auth()
        .oauth2(serviceToken())
        .contentType(ContentType.JSON)
        .body(sentinel)
        .when()
        .post("/api/v1/audit/events")
        .then()
        .statusCode(202);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> search(actor).body("entries", hasSize(2)));
  }

  @Test
  void shouldStoreAForgedActorWithTheRealSubmitterAlongside() {
    String claimed = "ceo-" + UUID.randomUUID();
    given()
        .auth()
        .oauth2(serviceToken())
        .contentType(ContentType.JSON)
        .body("[" + event(claimed, "payment.approved", null) + "]")
        .when()
        .post("/api/v1/audit/events")
        .then()
        .statusCode(202);

    String submitter = UUID.nameUUIDFromBytes("platform-api".getBytes()).toString();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                search(claimed)
                    .body("entries", hasSize(1))
                    .body("entries[0].actor.id", equalTo(claimed))
                    .body("entries[0].submittedBy.oid", equalTo(submitter))
                    .body("entries[0].submittedBy.azp", equalTo("platform-api"))
                    .body(
                        "entries[0].submittedBy.tid",
                        equalTo(EntraIdTestResource.issuer().tenantId())));
    String csv =
        given()
            .auth()
            .oauth2(EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign())
            .queryParam("actor", claimed)
            .when()
            .get("/api/v1/audit/export/csv")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(csv.lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .contains("submitted_by");
    org.assertj.core.api.Assertions.assertThat(csv.lines().toList().get(1)).contains(submitter);
  }

  @Test
  void shouldRefuseAnEventThatTriesToNameItsOwnSubmitter() {
    String forged =
        "[{\"occurredAt\":\"2026-11-28T10:00:00Z\",\"actor\":{\"id\":\"x\",\"type\":\"user\"},"
            + "\"action\":\"apikey.used\",\"outcome\":\"success\","
            + "\"submittedBy\":{\"oid\":\"someone-else\"}}]";
    given()
        .auth()
        .oauth2(serviceToken())
        .contentType(ContentType.JSON)
        .body(forged)
        .when()
        .post("/api/v1/audit/events")
        .then()
        .statusCode(400)
        .body("rejected.index", contains(0));
  }

  @Test
  void shouldRefuseOversizedBatchesAndNonArrays() {
    String tooMany =
        IntStream.range(0, 1001)
            .mapToObj(i -> event("a", "apikey.used", null))
            .collect(Collectors.joining(",", "[", "]"));
    given()
        .auth()
        .oauth2(serviceToken())
        .contentType(ContentType.JSON)
        .body(tooMany)
        .when()
        .post("/api/v1/audit/events")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("1 to 1000"));
    given()
        .auth()
        .oauth2(serviceToken())
        .contentType(ContentType.JSON)
        .body("{\"not\":\"an array\"}")
        .when()
        .post("/api/v1/audit/events")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void shouldOnlyLetServicesAndAdminsWrite() {
    String auditor = EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
    given()
        .auth()
        .oauth2(auditor)
        .contentType(ContentType.JSON)
        .body("[]")
        .when()
        .post("/api/v1/audit/events")
        .then()
        .statusCode(403);
  }

  private static io.restassured.response.ValidatableResponse search(String actor) {
    String auditor = EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
    return given()
        .auth()
        .oauth2(auditor)
        .queryParam("actor", actor)
        .when()
        .get("/api/v1/audit/events")
        .then()
        .statusCode(200);
  }

  private static String serviceToken() {
    return EntraIdTestResource.tokens().app("platform-api", "Vigil.Service").sign();
  }

  private static String event(String actor, String action, String id) {
    return "{"
        + (id == null ? "" : "\"id\":\"" + id + "\",")
        + "\"occurredAt\":\"2026-11-28T10:00:00Z\",\"actor\":{\"id\":\""
        + actor
        + "\",\"type\":\"service\"},"
        + "\"action\":\""
        + action
        + "\",\"outcome\":\"success\",\"sourceAddress\":\"10.0.0.5\"}";
  }
}
