package dev.vigil.gateway.attestations;

import static dev.vigil.gateway.GatewayTestSupport.admin;
import static dev.vigil.gateway.GatewayTestSupport.awaitStatus;
import static dev.vigil.gateway.GatewayTestSupport.checklist;
import static dev.vigil.gateway.GatewayTestSupport.publishEvaluation;
import static dev.vigil.gateway.GatewayTestSupport.reviewer;
import static dev.vigil.gateway.GatewayTestSupport.steppedUpAdmin;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AttestationsTest {

  private static final String ATTESTATIONS = "/api/v1/checklist/attestations";
  private static final String EXCEPTIONS = "/api/v1/checklist/exceptions";

  @Test
  void shouldShowAnAttestOnlyControlAsAttestedWithWhoAndWhy() {
    attest(
            steppedUpAdmin(),
            """
            {"controlId":"AUTH-03","note":"Recovery codes are in the sealed envelope in safe 2",
             "evidenceLink":"https://wiki.example.com/it/recovery-codes"}""")
        .statusCode(201)
        .body("attestedBy", notNullValue())
        .body("attestedByName", equalTo("ada"));

    checklist("?section=authentication")
        .body("controls.find { it.id == 'AUTH-03' }.status", equalTo("ATTESTED"))
        .body("controls.find { it.id == 'AUTH-03' }.attestationNeeded", equalTo(false))
        .body(
            "controls.find { it.id == 'AUTH-03' }.attestation.evidenceLink",
            equalTo("https://wiki.example.com/it/recovery-codes"))
        .body("summary.ATTESTED", equalTo(1));
  }

  @Test
  void shouldStopCountingAnAttestationWhenItExpires() {
    OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3);
    attest(
            steppedUpAdmin(),
            """
            {"controlId":"MNT-05","note":"Plan reviewed with the on-call team","expiresAt":"%s"}"""
                .formatted(soon))
        .statusCode(201);
    awaitStatus("MNT-05", "ATTESTED");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                checklist()
                    .body("controls.find { it.id == 'MNT-05' }.status", equalTo("UNKNOWN"))
                    .body("controls.find { it.id == 'MNT-05' }.attestationNeeded", equalTo(true)));
    given()
        .auth()
        .oauth2(admin())
        .get(ATTESTATIONS + "?controlId=MNT-05&active=true")
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
  }

  @Test
  void shouldNeverLetAnAttestationHideAFailureSoftwareFound() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    publishEvaluation("MNT-04", "FAIL", now, now.plusHours(1));
    awaitStatus("MNT-04", "FAIL");
    attest(steppedUpAdmin(), "{\"controlId\":\"MNT-04\",\"note\":\"DR drill done in March\"}")
        .statusCode(201);
    checklist()
        .body("controls.find { it.id == 'MNT-04' }.status", equalTo("FAIL"))
        .body("controls.find { it.id == 'MNT-04' }.automatedStatus", equalTo("FAIL"))
        .body(
            "controls.find { it.id == 'MNT-04' }.attestation.note",
            equalTo("DR drill done in March"));

    publishEvaluation("MNT-04", "PASS", now.plusSeconds(1), now.plusHours(1));
    awaitStatus("MNT-04", "ATTESTED");
  }

  @Test
  void shouldRequireAnAdministratorWithStepUp() {
    String body = "{\"controlId\":\"KEY-04\",\"note\":\"offline copy in the bank vault\"}";
    attest(reviewer(), body).statusCode(403);
    attest(admin(), body)
        .statusCode(401)
        .header("WWW-Authenticate", containsString("insufficient_claims"));
    attest(steppedUpAdmin(), body).statusCode(201);
  }

  @Test
  void shouldRefuseAttestationsThatCannotCount() {
    attest(steppedUpAdmin(), "{\"controlId\":\"DB-03\",\"note\":\"trust me\"}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("cannot be attested"));
    attest(steppedUpAdmin(), "{\"controlId\":\"XX-01\",\"note\":\"x\"}").statusCode(404);
    attest(steppedUpAdmin(), "{\"controlId\":\"NET-03\"}")
        .statusCode(400)
        .body("detail", containsString("note is required"));
    String tooLong =
        OffsetDateTime.now(ZoneOffset.UTC).plusDays(91).toString(); // NET-03 is quarterly
    attest(
            steppedUpAdmin(),
            "{\"controlId\":\"NET-03\",\"note\":\"VPN only\",\"expiresAt\":\"" + tooLong + "\"}")
        .statusCode(400)
        .body("detail", containsString("at most 90 days"));
    attest(
            steppedUpAdmin(),
            "{\"controlId\":\"NET-03\",\"note\":\"VPN only\",\"evidenceLink\":\"javascript:alert(1)\"}")
        .statusCode(400)
        .body("detail", containsString("evidenceLink"));
  }

  @Test
  void shouldRevokeAnAttestationOnce() {
    String id =
        attest(steppedUpAdmin(), "{\"controlId\":\"ENV-04\",\"note\":\"secrets copy in vault B\"}")
            .statusCode(201)
            .extract()
            .path("id");
    given().auth().oauth2(admin()).delete(ATTESTATIONS + "/" + id).then().statusCode(401);
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .delete(ATTESTATIONS + "/" + id)
        .then()
        .statusCode(200)
        .body("revokedAt", notNullValue());
    given().auth().oauth2(steppedUpAdmin()).delete(ATTESTATIONS + "/" + id).then().statusCode(409);
    checklist().body("controls.find { it.id == 'ENV-04' }.attestation", equalTo(null));
  }

  @Test
  void shouldRecordAnExceptionWithReasonAndExpiryAndShowItOnTheControl() {
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30);
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .contentType("application/json")
        .body("{\"controlId\":\"ACC-03\",\"reason\":\"contractors migrate in Q1\"}")
        .post(EXCEPTIONS)
        .then()
        .statusCode(400)
        .body("detail", containsString("expiresAt is required"));
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .contentType("application/json")
        .body(
            "{\"controlId\":\"ACC-03\",\"reason\":\"contractors migrate in Q1\",\"expiresAt\":\""
                + expires
                + "\"}")
        .post(EXCEPTIONS)
        .then()
        .statusCode(201);

    checklist("?owner=access-review-service")
        .body(
            "controls.find { it.id == 'ACC-03' }.exception.reason",
            equalTo("contractors migrate in Q1"))
        .body("controls.find { it.id == 'ACC-03' }.status", equalTo("UNKNOWN"))
        .body("summary.underException", equalTo(1));
    given()
        .auth()
        .oauth2(admin())
        .get(EXCEPTIONS + "?active=true")
        .then()
        .statusCode(200)
        .body("controlId", hasItem("ACC-03"));
  }

  private static ValidatableResponse attest(String token, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body)
        .post(ATTESTATIONS)
        .then();
  }
}
