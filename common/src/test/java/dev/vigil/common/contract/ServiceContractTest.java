package dev.vigil.common.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * What every Vigil service promises its operators and peers, run against each service on real
 * PostgreSQL, Kafka and a local Entra-ID-shaped issuer. A service's test extends it and names the
 * service and a control it owns.
 */
public abstract class ServiceContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ComplianceReporter reporter;

  /** The service's {@code quarkus.application.name}. */
  protected abstract String serviceName();

  /** A checklist control the service owns. */
  protected abstract String ownedControl();

  /** A control the service evaluates by itself when asked to (not only when told a result). */
  protected String reevaluatedControl() {
    return ownedControl();
  }

  @Test
  void shouldBeReadyWithItsDatabaseAndKafka() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Kafka"))
        .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    given().when().get("/q/health/live").then().statusCode(200);
    given().when().get("/q/health/started").then().statusCode(200);
  }

  @Test
  void shouldExposePrometheusMetricsIncludingTheOutbox() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("vigil_outbox_backlog"))
        .body(containsString("vigil_outbox_oldest_age_seconds"));
  }

  /**
   * Every metric the chart's alert rules and dashboard query for this service is one it exposes
   * (helm/vigil/files/metrics.txt lists them; deploy-tests keeps that list equal to what the rules
   * and the dashboard use).
   */
  @Test
  void shouldExposeEveryMetricTheAlertsAndTheDashboardQuery() {
    List<String> expected = MonitoredMetrics.of(serviceName());
    assertThat(expected).as("metrics.txt names metrics of " + serviceName()).isNotEmpty();
    prepareMetrics();
    // One request through the API, so the HTTP server metrics have a sample.
    given().when().get("/api/v1/reported-controls").then().statusCode(401);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Set<String> exposed =
                  MonitoredMetrics.sampleNames(
                      given().when().get("/q/metrics").then().statusCode(200).extract().asString());
              assertThat(exposed).containsAll(expected);
            });
    // The readiness gauge reads the real checks: UP here, so 1.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(given().when().get("/q/metrics").then().extract().asString())
                    .containsPattern("(?m)^vigil_health_ready(\\{[^}]*})? 1\\.0$"));
  }

  /**
   * Creates what the service's per-object metrics need to have a sample (e.g. a backup target);
   * nothing by default.
   */
  protected void prepareMetrics() {}

  @Test
  void shouldPublishItsOpenApiDocument() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/reported-controls"));
  }

  @Test
  void shouldRefuseTheApiWithoutAValidTokenSayingWhyWithoutEchoingIt() {
    given()
        .when()
        .get("/api/v1/reported-controls")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
    String wrongAudience =
        EntraIdTestResource.tokens()
            .user("mallory", "Vigil.Admin")
            .claim("aud", "api://someone-else")
            .sign();
    given()
        .auth()
        .oauth2(wrongAudience)
        .when()
        .get("/api/v1/reported-controls")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token"))
        .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("another audience"))
        .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(wrongAudience)))
        .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("someone-else")));
    String noRole = EntraIdTestResource.tokens().user("bob").sign();
    given()
        .auth()
        .oauth2(noRole)
        .when()
        .get("/api/v1/reported-controls")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("insufficient_scope"));
  }

  @Test
  void shouldEmitControlEvaluationsThroughItsOutbox() throws Throwable {
    ConsumerTask<String, byte[]> compliance =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.compliance");
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    ControlEvaluation evaluation =
        new ControlEvaluation(
            ownedControl(),
            ControlStatus.FAIL,
            now,
            now.plusHours(1),
            serviceName(),
            new Evidence("contract test", Map.of("checked", true), List.of()));

    VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> reporter.report(evaluation)));

    await().atMost(Duration.ofSeconds(30)).until(() -> !fromThisService(compliance).isEmpty());
    ConsumerRecord<String, byte[]> record = fromThisService(compliance).get(0);
    assertThat(record.key()).isEqualTo(ownedControl());
    assertThat(JSON.readTree(record.value()).get("status").asText()).isEqualTo("FAIL");

    String auditor = EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
    given()
        .auth()
        .oauth2(auditor)
        .when()
        .get("/api/v1/reported-controls")
        .then()
        .statusCode(200)
        .body("controlId", hasItem(ownedControl()));
  }

  @Test
  void shouldReevaluateWhenAskedOncePerRequestAndDeadLetterMalformedRequests() throws Throwable {
    String control = reevaluatedControl();
    ConsumerTask<String, byte[]> compliance =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.compliance");
    ConsumerTask<String, byte[]> dead =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.dlq." + serviceName() + ".evaluation-requests");
    // One key for every record: one partition, consumed in the order produced.
    String key = "contract-" + UUID.randomUUID();
    OffsetDateTime beforeFirst = OffsetDateTime.now(ZoneOffset.UTC);
    String first = UUID.randomUUID().toString();
    CloudEventRecords.produce(evaluationRequest(key, first, first, "[]"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !evaluatedSince(compliance, control, beforeFirst).isEmpty());
    OffsetDateTime firstEvaluated =
        evaluatedAt(evaluatedSince(compliance, control, beforeFirst).get(0));

    // Nothing changed since, yet the next request reports the control again, fresher; the same
    // request id under another event id does nothing; a request without its id is dead-lettered.
    OffsetDateTime beforeSecond = OffsetDateTime.now(ZoneOffset.UTC);
    String second = UUID.randomUUID().toString();
    String repeated = UUID.randomUUID().toString();
    String third = UUID.randomUUID().toString();
    CloudEventRecords.produce(
        evaluationRequest(key, second, second, "[]"),
        evaluationRequest(key, repeated, second, "[]"),
        evaluationRequest(key, third, third, "[\"" + serviceName() + "\"]"),
        CloudEventRecords.cloudEvent(
                "vigil.compliance-requests", key, "dev.vigil.checklist.evaluation-requested.v1")
            .body(
                "{\"reason\":\"api\",\"requestedBy\":{\"oid\":null,\"azp\":\"contract\","
                    + "\"tid\":null},\"requestedAt\":\""
                    + OffsetDateTime.now(ZoneOffset.UTC)
                    + "\",\"controls\":[],\"services\":[]}"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> dead.getRecords().stream().anyMatch(r -> key.equals(r.key())));
    ConsumerRecord<String, byte[]> rejected =
        dead.getRecords().stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    assertThat(CloudEventRecords.header(rejected, "dead-letter-reason"))
        .contains("dev.vigil.checklist.evaluation-requested.v1")
        .contains("requestId");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> evaluatedSince(compliance, control, beforeSecond).size() >= 2);
    List<ConsumerRecord<String, byte[]>> fresh = evaluatedSince(compliance, control, beforeSecond);
    // Once per request, not per event: the inbox key is the request id. Counting evaluations
    // instead would race the service's own scheduled reports.
    String consumer = serviceName() + "/evaluation-requests";
    assertThat(inboxMarks(consumer, second)).isEqualTo(1);
    assertThat(inboxMarks(consumer, repeated)).isZero();
    assertThat(inboxMarks(consumer, third)).isEqualTo(1);
    assertThat(evaluatedAt(fresh.get(0))).isAfter(firstEvaluated);
  }

  private static long inboxMarks(String consumer, String key) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withSession(
                () ->
                    Panache.getSession()
                        .chain(
                            session ->
                                session
                                    .createNativeQuery(
                                        "SELECT count(*) FROM vigil_inbox"
                                            + " WHERE consumer = ?1 AND event_id = ?2")
                                    .setParameter(1, consumer)
                                    .setParameter(2, key)
                                    .getSingleResult())
                        .map(count -> ((Number) count).longValue())));
  }

  private static ProducerRecord<String, byte[]> evaluationRequest(
      String key, String eventId, String requestId, String services) {
    return CloudEventRecords.cloudEvent(
            "vigil.compliance-requests", key, "dev.vigil.checklist.evaluation-requested.v1")
        .id(eventId)
        .body(
            ("{\"requestId\":\"%s\",\"reason\":\"api\",\"requestedBy\":{\"oid\":null,"
                    + "\"azp\":\"contract-test\",\"tid\":null},\"requestedAt\":\"%s\","
                    + "\"controls\":[],\"services\":%s}")
                .formatted(requestId, OffsetDateTime.now(ZoneOffset.UTC), services));
  }

  /** This service's evaluations of the control made at or after {@code since}, oldest first. */
  private List<ConsumerRecord<String, byte[]>> evaluatedSince(
      ConsumerTask<String, byte[]> task, String control, OffsetDateTime since) {
    String source = "/vigil/" + serviceName();
    return task.getRecords().stream()
        .filter(r -> control.equals(r.key()))
        .filter(r -> source.equals(CloudEventRecords.header(r, "ce_source")))
        .filter(r -> !evaluatedAt(r).isBefore(since))
        .sorted(java.util.Comparator.comparing(ServiceContractTest::evaluatedAt))
        .toList();
  }

  private static OffsetDateTime evaluatedAt(ConsumerRecord<String, byte[]> record) {
    return OffsetDateTime.parse(readTree(record.value()).path("evaluatedAt").asText());
  }

  private List<ConsumerRecord<String, byte[]>> fromThisService(ConsumerTask<String, byte[]> task) {
    String source = "/vigil/" + serviceName();
    return task.getRecords().stream()
        .filter(r -> ownedControl().equals(r.key()))
        .filter(
            r ->
                source.equals(
                    new String(
                        r.headers().lastHeader("ce_source").value(), StandardCharsets.UTF_8)))
        .filter(
            r ->
                "contract test"
                    .equals(readTree(r.value()).path("evidence").path("summary").asText()))
        .toList();
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
