package dev.vigil.gateway.incidents;

import static dev.vigil.gateway.GatewayTestSupport.admin;
import static dev.vigil.gateway.GatewayTestSupport.auditor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.vigil.common.events.security.SecurityAlertRaised;
import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.kafka.KafkaTestBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Alerts from audit-log-service's detectors, published on a real broker, open incidents. */
@QuarkusTest
class AlertIncidentTest {

  private static final String TOPIC = "vigil.security-alerts";

  @Test
  void shouldOpenOneIncidentPerSubjectAndLinkEveryLaterAlertToIt() {
    String subject = "source:" + UUID.randomUUID();
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> firstAlert = alert(first, "brute-force", "HIGH", subject);
    CloudEventRecords.produce(firstAlert);
    Map<String, Object> incident = awaitIncident(subject, 1);
    assertThat(incident)
        .containsEntry("openedFrom", "ALERT")
        .containsEntry("severity", "HIGH")
        .containsEntry("openedBy", "vigil:alerts")
        .containsEntry("title", "Security alert: brute-force on " + subject);
    assertThat((String) incident.get("description"))
        .contains("Opened from alert " + first)
        .contains("12 events against a threshold of 10 in 300 s")
        .contains("audit-1, audit-2");

    // The same event delivered again changes nothing; a CRITICAL alert joins and raises severity.
    CloudEventRecords.produce(firstAlert, alert(second, "password-spraying", "CRITICAL", subject));
    incident = awaitIncident(subject, 2);
    assertThat(incident).containsEntry("severity", "CRITICAL");
    assertThat(links(incident)).extracting(l -> l.get("reference")).containsExactly(first, second);
    assertThat(links(incident)).extracting(l -> l.get("kind")).containsOnly("ALERT");
    assertThat(incidentsOn(subject)).hasSize(1);

    // A later, milder alert joins without lowering the severity.
    String third = UUID.randomUUID().toString();
    CloudEventRecords.produce(alert(third, "brute-force", "HIGH", subject));
    incident = awaitIncident(subject, 3);
    assertThat(incident).containsEntry("severity", "CRITICAL");
  }

  @Test
  void shouldLeaveAlertsBelowTheConfiguredSeverityToTheAlertList() {
    String subject = "account:" + UUID.randomUUID();
    String high = UUID.randomUUID().toString();
    // One subject's alerts share a partition: once the HIGH one is in, the MEDIUM one was seen.
    CloudEventRecords.produce(
        alert(UUID.randomUUID().toString(), "brute-force", "MEDIUM", subject),
        alert(high, "brute-force", "HIGH", subject));

    Map<String, Object> incident = awaitIncident(subject, 1);
    assertThat(links(incident)).extracting(l -> l.get("reference")).containsExactly(high);
    assertThat(incident).containsEntry("severity", "HIGH");
  }

  @Test
  void shouldOpenANewIncidentOnceTheSubjectsIncidentIsClosed() {
    String subject = "device:" + UUID.randomUUID();
    CloudEventRecords.produce(alert(UUID.randomUUID().toString(), "brute-force", "HIGH", subject));
    String closed = (String) awaitIncident(subject, 1).get("id");
    given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body("{\"reviewNote\":\"Device wiped and re-enrolled\"}")
        .post("/api/v1/incidents/" + closed + "/close")
        .then()
        .statusCode(200);

    String later = UUID.randomUUID().toString();
    CloudEventRecords.produce(alert(later, "device-auth-failures", "CRITICAL", subject));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(incidentsOn(subject)).hasSize(2));
    assertThat(links(openIncidentOn(subject)))
        .extracting(l -> l.get("reference"))
        .containsExactly(later);
  }

  @Test
  void shouldDeadLetterAnAlertThatViolatesItsSchema() {
    ConsumerTask<String, byte[]> dead =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.dlq.gateway.security-alerts");
    String subject = "source:bad-" + UUID.randomUUID();
    CloudEventRecords.produce(
        CloudEventRecords.cloudEvent(TOPIC, subject, SecurityAlertRaised.TYPE)
            .source("/vigil/audit-log-service")
            .body("{\"alertId\":\"" + UUID.randomUUID() + "\",\"rule\":\"brute-force\"}"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> dead.getRecords().stream().anyMatch(r -> subject.equals(r.key())));
    String reason =
        CloudEventRecords.header(
            dead.getRecords().stream()
                .filter(r -> subject.equals(r.key()))
                .findFirst()
                .orElseThrow(),
            "dead-letter-reason");
    assertThat(reason).contains("dev.vigil.security.alert-raised.v1").contains("required");
    given()
        .auth()
        .oauth2(auditor())
        .get("/api/v1/incidents")
        .then()
        .statusCode(200)
        .body("findAll { it.alertSubject == '" + subject + "' }", hasSize(0));
  }

  static ProducerRecord<String, byte[]> alert(
      String alertId, String rule, String severity, String subject) {
    String body =
        """
        {"alertId":"%s","rule":"%s","severity":"%s","subject":"%s","raisedAt":"%s","control":"MON-02",
         "window":{"seconds":300,"count":12,"threshold":10},"triggeringEventIds":["audit-1","audit-2"]}"""
            .formatted(alertId, rule, severity, subject, OffsetDateTime.now(ZoneOffset.UTC));
    return CloudEventRecords.cloudEvent(TOPIC, subject, SecurityAlertRaised.TYPE)
        .id("alert-event-" + alertId)
        .source("/vigil/audit-log-service")
        .body(body);
  }

  /** Waits until the subject's open incident has this many links, and returns it with them. */
  private static Map<String, Object> awaitIncident(String subject, int links) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> openIncidentOn(subject), open -> open != null && links(open).size() == links);
  }

  /** The subject's open incident with its links, or null; never more than one. */
  private static Map<String, Object> openIncidentOn(String subject) {
    List<Map<String, Object>> open =
        incidentsOn(subject).stream().filter(i -> "OPEN".equals(i.get("status"))).toList();
    assertThat(open).hasSizeLessThanOrEqualTo(1);
    return open.isEmpty() ? null : incident((String) open.get(0).get("id"));
  }

  private static List<Map<String, Object>> incidentsOn(String subject) {
    JsonPath all =
        given()
            .auth()
            .oauth2(auditor())
            .get("/api/v1/incidents")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return all.<Map<String, Object>>getList("").stream()
        .filter(i -> subject.equals(i.get("alertSubject")))
        .toList();
  }

  private static Map<String, Object> incident(String id) {
    return given()
        .auth()
        .oauth2(auditor())
        .get("/api/v1/incidents/" + id)
        .then()
        .statusCode(200)
        .body("links.kind", org.hamcrest.Matchers.everyItem(equalTo("ALERT")))
        .extract()
        .jsonPath()
        .getMap("");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> links(Map<String, Object> incident) {
    return (List<Map<String, Object>>) incident.get("links");
  }
}
