package dev.vigil.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.oidc.Personas;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Tokens, evaluations and checklist reads shared by the gateway's tests. */
public final class GatewayTestSupport {

  private GatewayTestSupport() {}

  public static String admin() {
    return Personas.admin();
  }

  /** An administrator whose token carries the step-up authentication context. */
  public static String steppedUpAdmin() {
    return Personas.steppedUpAdmin();
  }

  public static String auditor() {
    return Personas.auditor();
  }

  public static String reviewer() {
    return Personas.reviewer();
  }

  public static ValidatableResponse checklist() {
    return checklist("");
  }

  /** The checklist read by an auditor, with the query string given (e.g. {@code ?status=FAIL}). */
  public static ValidatableResponse checklist(String query) {
    return given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/checklist" + query)
        .then()
        .statusCode(200);
  }

  public static void awaitStatus(String controlId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                checklist()
                    .body(
                        "controls.find { it.id == '" + controlId + "' }.status", equalTo(status)));
  }

  /** Publishes a control evaluation to the compliance topic, as a service would. */
  public static void publishEvaluation(
      String controlId, String status, OffsetDateTime evaluatedAt, OffsetDateTime validUntil) {
    String body =
        """
        {"controlId":"%s","status":"%s","evaluatedAt":"%s","validUntil":"%s","evaluatedBy":"backup-service",
         "evidence":{"summary":"from a test","facts":{"lastBackupAgeMinutes":12}}}"""
            .formatted(controlId, status, evaluatedAt, validUntil);
    CloudEventRecords.produce(
        CloudEventRecords.cloudEvent(
                "vigil.compliance", controlId, "dev.vigil.compliance.control-evaluated.v1")
            .source("/vigil/backup-service")
            .body(body));
  }
}
