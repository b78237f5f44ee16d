package dev.vigil.audit.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Each rule fires at its default threshold and not one event below it. */
@QuarkusTest
class DetectionRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Pool pool;
  private final OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);

  @Test
  void bruteForceFiresAtEightFailuresForOneAccountFromOneSource() throws Exception {
    ConsumerTask<String, byte[]> alerts =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.security-alerts");
    String account = unique("acct");
    String subject = "account:" + account + "@source:203.0.113.10";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(send(account, "auth.signin.failed", "203.0.113.10", null, t0.plusSeconds(i * 10)));
    }
    assertNoAlertAfterStored("brute-force", subject, ids);

    ids.add(send(account, "auth.signin.failed", "203.0.113.10", null, t0.plusSeconds(75)));
    Map<String, Object> alert = awaitAlert("brute-force", subject);
    assertThat(alert)
        .containsEntry("severity", "HIGH")
        .containsEntry("windowCount", 8)
        .containsEntry("threshold", 8);
    @SuppressWarnings("unchecked")
    List<String> triggering = (List<String>) alert.get("triggeringEventIds");
    assertThat(triggering).containsExactlyInAnyOrderElementsOf(ids);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> alerts.getRecords().stream().anyMatch(r -> subject.equals(r.key())));
    var event =
        JSON.readTree(
            alerts.getRecords().stream()
                .filter(r -> subject.equals(r.key()))
                .findFirst()
                .orElseThrow()
                .value());
    assertThat(event.get("rule").asText()).isEqualTo("brute-force");
    assertThat(event.get("control").asText()).isEqualTo("MON-02");
    assertThat(event.get("triggeringEventIds")).hasSize(8);
  }

  @Test
  void aRepeatWithinTheCooldownIsCountedNotRaised() {
    String account = unique("acct");
    String subject = "account:" + account + "@source:203.0.113.11";
    for (int i = 0; i < 9; i++) {
      send(account, "auth.signin.failed", "203.0.113.11", null, t0.plusSeconds(i * 5));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                alertsFor("brute-force", subject).size() == 1
                    && ((Number) alertsFor("brute-force", subject).get(0).get("suppressed"))
                            .intValue()
                        == 1);
  }

  @Test
  void passwordSprayingFiresAtTenAccountsFromOneSource() {
    String source = "198.51.100." + (int) (Math.random() * 200 + 20);
    String run = unique("spray");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      ids.add(send(run + "-" + i, "auth.signin.failed", source, null, t0.plusMinutes(i)));
    }
    assertNoAlertAfterStored("password-spraying", "source:" + source, ids);
    send(run + "-9", "auth.signin.failed", source, null, t0.plusMinutes(9));
    assertThat(awaitAlert("password-spraying", "source:" + source))
        .containsEntry("windowCount", 10);
  }

  @Test
  void credentialStuffingFiresAtOneAccountFailingFromFiveSources() {
    String account = unique("acct");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(send(account, "auth.signin.failed", "192.0.2." + (i + 1), null, t0.plusMinutes(i)));
    }
    assertNoAlertAfterStored("credential-stuffing", "account:" + account, ids);
    send(account, "auth.signin.failed", "192.0.2.5", null, t0.plusMinutes(4));
    assertThat(awaitAlert("credential-stuffing", "account:" + account))
        .containsEntry("windowCount", 5);
  }

  @Test
  void credentialStuffingFiresAtTwentyAccountsFromOneSource() {
    String source = "100.64." + (int) (Math.random() * 200) + "." + (int) (Math.random() * 200 + 1);
    String run = unique("stuff");
    List<String> ids = new ArrayList<>();
    // Spread over 40 minutes so the 30-minute spraying window never holds ten of them.
    for (int i = 0; i < 19; i++) {
      ids.add(
          send(
              run + "-" + i,
              "auth.signin.failed",
              source,
              null,
              t0.minusMinutes(40).plusSeconds(i * 126L)));
    }
    assertNoAlertAfterStored("credential-stuffing", "source:" + source, ids);
    send(
        run + "-19",
        "auth.signin.failed",
        source,
        null,
        t0.minusMinutes(40).plusSeconds(19 * 126L));
    assertThat(awaitAlert("credential-stuffing", "source:" + source))
        .containsEntry("windowCount", 20);
  }

  @Test
  void successAfterFiveFailuresIsAPossibleCompromise() {
    String account = unique("acct");
    String other = unique("acct");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(send(other, "auth.signin.failed", "203.0.113.20", null, t0.plusMinutes(i)));
    }
    ids.add(send(other, "auth.signin.succeeded", "203.0.113.20", null, t0.plusMinutes(5)));
    assertNoAlertAfterStored("success-after-failures", "account:" + other, ids);

    for (int i = 0; i < 5; i++) {
      send(account, "auth.signin.failed", "203.0.113.21", null, t0.plusMinutes(i));
    }
    send(account, "auth.signin.succeeded", "203.0.113.21", null, t0.plusMinutes(6));
    assertThat(awaitAlert("success-after-failures", "account:" + account))
        .containsEntry("severity", "CRITICAL");
  }

  @Test
  void deviceFailuresFireAtFivePerDeviceInTenMinutes() {
    String device = unique("device");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(send("device-agent", "device.auth.failed", "10.1.1.1", device, t0.plusMinutes(i)));
    }
    assertNoAlertAfterStored("device-auth-failures", "device:" + device, ids);
    send("device-agent", "device.auth.failed", "10.1.1.1", device, t0.plusMinutes(4));
    assertThat(awaitAlert("device-auth-failures", "device:" + device))
        .containsEntry("severity", "MEDIUM");
  }

  @Test
  void integrationFailingThreeConsecutiveChecksIsUnhealthy() {
    String integration = unique("integration");
    List<String> ids = new ArrayList<>();
    ids.add(send("health-probe", "integration.health.failed", null, integration, t0));
    ids.add(
        send("health-probe", "integration.health.failed", null, integration, t0.plusMinutes(1)));
    ids.add(
        send("health-probe", "integration.health.succeeded", null, integration, t0.plusMinutes(2)));
    ids.add(
        send("health-probe", "integration.health.failed", null, integration, t0.plusMinutes(3)));
    ids.add(
        send("health-probe", "integration.health.failed", null, integration, t0.plusMinutes(4)));
    assertNoAlertAfterStored("integration-unhealthy", "integration:" + integration, ids);
    send("health-probe", "integration.health.failed", null, integration, t0.plusMinutes(5));
    assertThat(awaitAlert("integration-unhealthy", "integration:" + integration))
        .containsEntry("windowCount", 3);
  }

  @Test
  void alertsAreListedAPageAtATime() {
    String device = unique("device");
    for (int i = 0; i < 5; i++) {
      send("device-agent", "device.auth.failed", "10.1.1.3", device, t0.plusMinutes(i));
    }
    awaitAlert("device-auth-failures", "device:" + device);
    String auditor = EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
    given()
        .auth()
        .oauth2(auditor)
        .queryParam("limit", 1)
        .get("/api/v1/audit/alerts")
        .then()
        .statusCode(200)
        .body("$", org.hamcrest.Matchers.hasSize(1));
    for (String bad : java.util.List.of("limit=0", "limit=501", "offset=-1")) {
      given()
          .auth()
          .oauth2(auditor)
          .get("/api/v1/audit/alerts?" + bad)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  @Test
  void anAdminAcknowledgesAnAlertWithANote() {
    String device = unique("device");
    for (int i = 0; i < 5; i++) {
      send("device-agent", "device.auth.failed", "10.1.1.2", device, t0.plusMinutes(i));
    }
    String id = (String) awaitAlert("device-auth-failures", "device:" + device).get("id");
    String auditor = EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
    given()
        .auth()
        .oauth2(auditor)
        .contentType(ContentType.JSON)
        .body("{\"note\":\"checked\"}")
        .when()
        .post("/api/v1/audit/alerts/" + id + "/acknowledge")
        .then()
        .statusCode(403);
    String admin =
        EntraIdTestResource.tokens()
            .user("ada", "Vigil.Admin")
            .claim("acrs", java.util.List.of("c1"))
            .sign();
    given()
        .auth()
        .oauth2(EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign())
        .contentType(ContentType.JSON)
        .body("{\"note\":\"Device re-enrolled; old certificate revoked.\"}")
        .when()
        .post("/api/v1/audit/alerts/" + id + "/acknowledge")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("insufficient_claims"));
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{\"note\":\"\"}")
        .when()
        .post("/api/v1/audit/alerts/" + id + "/acknowledge")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{\"note\":\"Device re-enrolled; old certificate revoked.\"}")
        .when()
        .post("/api/v1/audit/alerts/" + id + "/acknowledge")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("ACKNOWLEDGED"))
        .body(
            "acknowledgedBy",
            org.hamcrest.Matchers.equalTo(
                java.util.UUID.nameUUIDFromBytes("ada".getBytes()).toString()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(auditor)
                    .queryParam("action", "audit.alert.acknowledged")
                    .queryParam("target", id)
                    .get("/api/v1/audit/events")
                    .then()
                    .statusCode(200)
                    .body("entries", org.hamcrest.Matchers.hasSize(1))
                    .body(
                        "entries[0].actor.id",
                        org.hamcrest.Matchers.equalTo(
                            java.util.UUID.nameUUIDFromBytes("ada".getBytes()).toString())));
  }

  private void assertNoAlertAfterStored(String rule, String subject, List<String> eventIds) {
    await().atMost(Duration.ofSeconds(30)).until(() -> stored(eventIds));
    assertThat(alertsFor(rule, subject)).isEmpty();
  }

  private static Map<String, Object> awaitAlert(String rule, String subject) {
    await().atMost(Duration.ofSeconds(30)).until(() -> !alertsFor(rule, subject).isEmpty());
    return alertsFor(rule, subject).get(0);
  }

  private static List<Map<String, Object>> alertsFor(String rule, String subject) {
    String auditor = EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
    JsonPath body =
        given()
            .auth()
            .oauth2(auditor)
            .queryParam("rule", rule)
            .when()
            .get("/api/v1/audit/alerts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return body.<Map<String, Object>>getList("").stream()
        .filter(a -> subject.equals(a.get("subject")))
        .toList();
  }

  private boolean stored(List<String> eventIds) {
    try {
      long found =
          VertxContextSupport.subscribeAndAwait(
                  () ->
                      pool.preparedQuery(
                              "SELECT count(*) FROM audit_entry WHERE event_id = ANY($1)")
                          .execute(Tuple.of(eventIds.toArray(new String[0]))))
              .iterator()
              .next()
              .getLong(0);
      return found == eventIds.size();
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static String send(
      String actor, String action, String source, String target, OffsetDateTime at) {
    String id = UUID.randomUUID().toString();
    String body =
        "{\"occurredAt\":\""
            + at
            + "\",\"actor\":{\"id\":\""
            + actor
            + "\",\"type\":\"user\"},\"action\":\""
            + action
            + "\","
            + "\"outcome\":\""
            + (action.endsWith("failed") ? "failure" : "success")
            + "\""
            + (source == null ? "" : ",\"sourceAddress\":\"" + source + "\"")
            + (target == null ? "" : ",\"target\":{\"type\":\"device\",\"id\":\"" + target + "\"}")
            + "}";
    ProducerRecord<String, byte[]> record =
        CloudEventRecords.cloudEvent("vigil.audit", actor, "dev.vigil.audit.event-recorded.v1")
            .id(id)
            .body(body);
    CloudEventRecords.produce(record);
    return id;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
