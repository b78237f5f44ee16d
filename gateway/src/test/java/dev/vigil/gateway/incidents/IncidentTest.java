package dev.vigil.gateway.incidents;

import static dev.vigil.gateway.GatewayTestSupport.admin;
import static dev.vigil.gateway.GatewayTestSupport.auditor;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IncidentTest {

  private static final String INCIDENTS = "/api/v1/incidents";

  @Test
  void shouldLinkWhatHappenedAndCloseWithAReviewThatReevaluatesTheChecklist() {
    String id =
        post(
                INCIDENTS,
                "{\"title\":\"Credential stuffing on the admin portal\",\"severity\":\"HIGH\"}")
            .statusCode(201)
            .body("status", equalTo("OPEN"))
            .extract()
            .path("id");
    String path = INCIDENTS + "/" + id;
    OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
    post(
            path + "/links",
            "{\"kind\":\"ALERT\",\"reference\":\"alert-7f3a\",\"note\":\"MON-02 burst\"}")
        .statusCode(201);
    post(
            path + "/links",
            "{\"kind\":\"AUDIT_RANGE\",\"reference\":\"action=auth.sign-in.failed\",\"from\":\""
                + from
                + "\",\"to\":\""
                + from.plusHours(1)
                + "\"}")
        .statusCode(201);
    post(
            path + "/links",
            "{\"kind\":\"ACTION\",\"reference\":\"emergency rotation prod/AUTH_SECRET v4\"}")
        .statusCode(201)
        .body("links.kind", contains("ALERT", "AUDIT_RANGE", "ACTION"));

    post(path + "/close", "{}").statusCode(400).body("detail", containsString("reviewNote"));
    String closedAt =
        post(
                path + "/close",
                "{\"reviewNote\":\"Rate limits tightened; MFA enforced for all admins\"}")
            .statusCode(200)
            .body("status", equalTo("CLOSED"))
            .body("checklistAtClose.summary.total", equalTo(42))
            .body("checklistAtClose.notPassing.size()", greaterThan(0))
            .extract()
            .path("closedAt");

    // The gateway's own controls are evaluated again right after the close.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(auditor())
                    .get("/api/v1/checklist/controls/AUTH-04/history?limit=1")
                    .then()
                    .statusCode(200)
                    .body(
                        "evaluations[0].evaluatedAt",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(closedAt.substring(0, 19))));

    post(path + "/links", "{\"kind\":\"EXPORT\",\"reference\":\"export-1\"}").statusCode(409);
    given()
        .auth()
        .oauth2(auditor())
        .get(path)
        .then()
        .statusCode(200)
        .body("reviewNote", equalTo("Rate limits tightened; MFA enforced for all admins"))
        .body("links.size()", equalTo(3))
        .body("closedBy", notNullValue());
  }

  @Test
  void shouldRefuseBadLinksAndLetOnlyAdminsWrite() {
    given()
        .auth()
        .oauth2(auditor())
        .contentType("application/json")
        .body("{\"title\":\"x\"}")
        .post(INCIDENTS)
        .then()
        .statusCode(403);
    String id = post(INCIDENTS, "{\"title\":\"Lost laptop\"}").statusCode(201).extract().path("id");
    post(INCIDENTS + "/" + id + "/links", "{\"kind\":\"AUDIT_RANGE\",\"reference\":\"all\"}")
        .statusCode(400)
        .body("detail", containsString("from and to"));
    post(INCIDENTS + "/" + id + "/links", "{\"kind\":\"RUMOUR\",\"reference\":\"x\"}")
        .statusCode(400);
    given()
        .auth()
        .oauth2(admin())
        .get(INCIDENTS + "/" + java.util.UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  private static ValidatableResponse post(String path, String body) {
    return given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(body)
        .post(path)
        .then();
  }
}
