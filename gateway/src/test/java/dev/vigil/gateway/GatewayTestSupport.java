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

  /**
   * Publishes access-review-service's observation of the platform's enterprise application, keyed
   * by its service principal as the service does; {@code enabled} false makes AUTH-04 fail.
   */
  public static void publishPlatformApp(String tenant, OffsetDateTime observedAt, boolean enabled) {
    CloudEventRecords.produce(
        CloudEventRecords.cloudEvent(
                "vigil.access", "sp-platform", "dev.vigil.access.platform-app-observed.v1")
            .source("/vigil/access-review-service")
            .body(platformApp(tenant, observedAt, enabled)));
  }

  /** The data of a platform-app-observed event: a secret valid for a year, a recent sign-in. */
  public static String platformApp(String tenant, OffsetDateTime observedAt, boolean enabled) {
    return """
        {"tenant":"%s","servicePrincipalId":"sp-platform","observedAt":"%s","exists":true,
         "servicePrincipalUnknownReason":null,"appId":"app-platform","displayName":"Tenant portal",
         "enabled":%s,"assignmentRequired":true,"lastSuccessfulSignIn":"%s",
         "signInsUnknownReason":null,"credentials":[{"keyId":"k-1","displayName":"CI deploy",
         "type":"secret","startDateTime":null,"endDateTime":"%s"}],"credentialsUnknownReason":null}"""
        .formatted(tenant, observedAt, enabled, observedAt.minusDays(1), observedAt.plusDays(365));
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
