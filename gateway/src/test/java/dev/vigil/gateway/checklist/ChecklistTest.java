package dev.vigil.gateway.checklist;

import static dev.vigil.gateway.GatewayTestSupport.awaitStatus;
import static dev.vigil.gateway.GatewayTestSupport.checklist;
import static dev.vigil.gateway.GatewayTestSupport.publishEvaluation;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.vigil.gateway.GatewayTestSupport;
import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChecklistTest {

  @Test
  void shouldListAllFortyTwoControlsWithUnevaluatedOnesUnknown() {
    checklist()
        .body("controls", hasSize(42))
        .body("summary.total", equalTo(42))
        .body("sections", hasSize(10))
        .body("controls[0].id", equalTo("KEY-01"))
        .body("controls.find { it.id == 'CON-04' }.status", equalTo("UNKNOWN"))
        .body("controls.find { it.id == 'CON-04' }.owner", equalTo("gateway"))
        .body("controls.find { it.id == 'CON-04' }.kind", equalTo("auto+attest"))
        .body("controls.find { it.id == 'CON-04' }.evidence", nullValue());
  }

  @Test
  void shouldShowTheGatewaysOwnEntraIdEvaluation() {
    // PASS needs the platform side too: a fresh, good observation of the platform's application.
    GatewayTestSupport.publishPlatformApp(
        EntraIdTestResource.TENANT_ID, OffsetDateTime.now(ZoneOffset.UTC), true);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> checklist().body("controls.find { it.id == 'AUTH-04' }.status", equalTo("PASS")));
    checklist()
        .body("controls.find { it.id == 'AUTH-04' }.evaluatedBy", equalTo("gateway"))
        .body("controls.find { it.id == 'AUTH-04' }.evidence.facts.tenantPinned", equalTo(true))
        .body("controls.find { it.id == 'AUTH-04' }.evidence.facts.signingKeys", equalTo(1))
        .body(
            "controls.find { it.id == 'AUTH-04' }.evidence.facts.platformApplication.status",
            equalTo("PASS"));
  }

  @Test
  void shouldKeepTheNewestEvaluationWhateverTheDeliveryOrder() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    publishEvaluation("DB-03", "PASS", now.minusMinutes(1), now.plusHours(1));
    awaitStatus("DB-03", "PASS");

    publishEvaluation(
        "DB-03", "FAIL", now.minusMinutes(30), now.plusHours(1)); // older, arrives late
    publishEvaluation(
        "DB-04", "WARN", now, now.plusHours(1)); // same consumer, proves the late one was read
    awaitStatus("DB-04", "WARN");
    checklist().body("controls.find { it.id == 'DB-03' }.status", equalTo("PASS"));

    publishEvaluation("DB-03", "FAIL", now, now.plusHours(1));
    awaitStatus("DB-03", "FAIL");
    checklist().body("controls.find { it.id == 'DB-03' }.evaluatedBy", equalTo("backup-service"));
  }

  @Test
  void shouldShowAnEvaluationPastItsValidUntilAsStaleUnknown() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    publishEvaluation("BKV-02", "PASS", now.minusHours(3), now.minusHours(1));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> checklist().body("controls.find { it.id == 'BKV-02' }.stale", equalTo(true)));
    checklist()
        .body("controls.find { it.id == 'BKV-02' }.status", equalTo("UNKNOWN"))
        .body("controls.find { it.id == 'BKV-02' }.evidence.summary", equalTo("from a test"));
  }

  @Test
  void shouldDeadLetterEvaluationsOfControlsNotInTheChecklist() {
    ConsumerTask<String, byte[]> dead =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.dlq.gateway.control-evaluations");
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    publishEvaluation("KEY-99", "PASS", now, now.plusHours(1));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> dead.getRecords().stream().anyMatch(r -> "KEY-99".equals(r.key())));
    String reason =
        new String(
            dead.getRecords().stream()
                .filter(r -> "KEY-99".equals(r.key()))
                .findFirst()
                .orElseThrow()
                .headers()
                .lastHeader("dead-letter-reason")
                .value(),
            StandardCharsets.UTF_8);
    assertThat(reason).contains("KEY-99 is not in the checklist");
  }

  @Test
  void shouldRequireARoleToReadTheChecklist() {
    given().when().get("/api/v1/checklist").then().statusCode(401);
    String noRole = EntraIdTestResource.tokens().user("nobody").sign();
    given().auth().oauth2(noRole).when().get("/api/v1/checklist").then().statusCode(403);
    String otherTenant =
        EntraIdTestResource.tokens()
            .user("eve", "Vigil.Admin")
            .claim("iss", "https://login.microsoftonline.com/" + UUID.randomUUID() + "/v2.0")
            .sign();
    given().auth().oauth2(otherTenant).when().get("/api/v1/checklist").then().statusCode(401);
  }

  @Test
  void shouldFilterBySectionOwnerAndStatus() {
    checklist("?section=database")
        .body("controls.id", contains("DB-01", "DB-02", "DB-03", "DB-04"))
        .body("summary.total", equalTo(4));
    checklist("?owner=gateway&section=container-security,tls-network")
        .body(
            "controls.id",
            contains("NET-01", "NET-02", "NET-03", "CON-01", "CON-02", "CON-03", "CON-04"));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    publishEvaluation("BKV-03", "FAIL", now, now.plusHours(1));
    awaitStatus("BKV-03", "FAIL");
    checklist("?status=FAIL&section=backup-verification").body("controls.id", contains("BKV-03"));
    given()
        .auth()
        .oauth2(GatewayTestSupport.auditor())
        .get("/api/v1/checklist?status=BROKEN")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("unknown status"));
  }

  @Test
  void shouldKeepEveryEvaluationOfAControlAsItsHistory() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    publishEvaluation("MON-04", "FAIL", now.minusMinutes(10), now.plusHours(1));
    publishEvaluation("MON-04", "PASS", now, now.plusHours(1));
    awaitStatus("MON-04", "PASS");
    given()
        .auth()
        .oauth2(GatewayTestSupport.auditor())
        .get("/api/v1/checklist/controls/MON-04/history")
        .then()
        .statusCode(200)
        .body("control.id", equalTo("MON-04"))
        .body("evaluations.status", contains("PASS", "FAIL"))
        .body("evaluations[0].evidence.summary", equalTo("from a test"));
    given()
        .auth()
        .oauth2(GatewayTestSupport.auditor())
        .get("/api/v1/checklist/controls/MON-04")
        .then()
        .statusCode(200)
        .body("status", equalTo("PASS"));
    given()
        .auth()
        .oauth2(GatewayTestSupport.auditor())
        .get("/api/v1/checklist/controls/NOPE-1/history")
        .then()
        .statusCode(404);
  }
}
