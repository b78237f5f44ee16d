package dev.vigil.gateway.checklist;

import static dev.vigil.gateway.GatewayTestSupport.auditor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** POST /api/v1/checklist/evaluate: admins only, audited, one request event for every service. */
@QuarkusTest
class EvaluationRequestTest {

  private static final String EVALUATE = "/api/v1/checklist/evaluate";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldAcceptAnAdminsRequestAuditItAndPublishItForEveryService() throws IOException {
    ConsumerTask<String, byte[]> requests =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.compliance-requests");
    ConsumerTask<String, byte[]> audit =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.audit");
    String name = "admin-" + UUID.randomUUID().toString().substring(0, 8);
    String oid = UUID.nameUUIDFromBytes(name.getBytes()).toString();
    String admin =
        EntraIdTestResource.tokens().user(name, "Vigil.Admin").claim("azp", "admin-portal").sign();
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);

    String requestId =
        given()
            .auth()
            .oauth2(admin)
            .contentType("application/json")
            .body("{}")
            .post(EVALUATE)
            .then()
            .statusCode(202)
            .body("requestId", matchesPattern("[0-9a-f-]{36}"))
            .extract()
            .path("requestId");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> requests.getRecords().stream().anyMatch(r -> requestId.equals(r.key())));
    ConsumerRecord<String, byte[]> event =
        requests.getRecords().stream()
            .filter(r -> requestId.equals(r.key()))
            .findFirst()
            .orElseThrow();
    assertThat(CloudEventRecords.header(event, "ce_type"))
        .isEqualTo("dev.vigil.checklist.evaluation-requested.v1");
    assertThat(CloudEventRecords.header(event, "ce_id")).isEqualTo(requestId);
    JsonNode data = JSON.readTree(event.value());
    assertThat(data.path("reason").asText()).isEqualTo("api");
    assertThat(data.path("requestedBy").path("oid").asText()).isEqualTo(oid);
    assertThat(data.path("requestedBy").path("azp").asText()).isEqualTo("admin-portal");
    assertThat(data.path("requestedBy").path("tid").asText())
        .isEqualTo(EntraIdTestResource.TENANT_ID);
    assertThat(data.path("services").size()).isZero();

    await().atMost(Duration.ofSeconds(30)).until(() -> requestAudit(audit, requestId) != null);
    JsonNode recorded = JSON.readTree(requestAudit(audit, requestId).value());
    assertThat(recorded.path("actor").path("id").asText()).isEqualTo(oid);
    assertThat(recorded.path("details").path("oid").asText()).isEqualTo(oid);
    assertThat(recorded.path("details").path("azp").asText()).isEqualTo("admin-portal");
    assertThat(recorded.path("details").path("tid").asText())
        .isEqualTo(EntraIdTestResource.TENANT_ID);

    // The gateway consumes the request too and reports its own controls afresh.
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
                        greaterThanOrEqualTo(before.toString().substring(0, 19))));
  }

  @Test
  void shouldRefuseAuditorsAndUnknownControlsOrServices() {
    given()
        .auth()
        .oauth2(auditor())
        .contentType("application/json")
        .body("{}")
        .post(EVALUATE)
        .then()
        .statusCode(403);
    String admin = EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign();
    given()
        .auth()
        .oauth2(admin)
        .contentType("application/json")
        .body("{\"controls\":[\"KEY-99\"]}")
        .post(EVALUATE)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("KEY-99"));
    given()
        .auth()
        .oauth2(admin)
        .contentType("application/json")
        .body("{\"services\":[\"mail-service\"]}")
        .post(EVALUATE)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("services"));
    given()
        .auth()
        .oauth2(admin)
        .contentType("application/json")
        .body("{\"controls\":[\"KEY-01\"],\"services\":[\"key-service\"]}")
        .post(EVALUATE)
        .then()
        .statusCode(202);
  }

  private static ConsumerRecord<String, byte[]> requestAudit(
      ConsumerTask<String, byte[]> audit, String requestId) {
    return audit.getRecords().stream()
        .filter(
            r -> {
              String value = new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
              return value.contains("checklist.evaluation.requested") && value.contains(requestId);
            })
        .findFirst()
        .orElse(null);
  }
}
