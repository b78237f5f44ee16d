package dev.vigil.common.inbox;

import static dev.vigil.testing.kafka.CloudEventRecords.cloudEvent;
import static dev.vigil.testing.kafka.CloudEventRecords.header;
import static dev.vigil.testing.kafka.CloudEventRecords.plain;
import static dev.vigil.testing.kafka.CloudEventRecords.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InboxTest {

  private static final String TOPIC = "vigil.compliance";
  private static final String DLQ = "vigil.dlq.common-test.test-compliance";

  KafkaCompanion companion;

  @Inject Pool pool;

  @Test
  void shouldStoreARedeliveredEventOnce() {
    String id = UUID.randomUUID().toString();
    String body = evaluation("NET-01", "PASS");
    produce(evaluated("NET-01").id(id).body(body), evaluated("NET-01").id(id).body(body));
    String sentinel = UUID.randomUUID().toString();
    produce(evaluated("NET-01").id(sentinel).body(evaluation("NET-01", "FAIL")));

    // Same partition (same key) and in order: once the sentinel is stored, both copies were seen.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.count(pool, "SELECT count(*) FROM test_received WHERE event_id = $1", sentinel)
                    == 1);
    assertThat(Db.count(pool, "SELECT count(*) FROM test_received WHERE event_id = $1", id))
        .isEqualTo(1);
    assertThat(Db.count(pool, "SELECT count(*) FROM vigil_inbox WHERE event_id = $1", id))
        .isEqualTo(1);
  }

  @Test
  void shouldDeadLetterUndecodableRecordAndKeepConsuming() {
    ConsumerTask<String, byte[]> dead = deadLetters();
    String badId = UUID.randomUUID().toString();
    byte[] garbage = {'{', 'n', 'o', 't', (byte) 0xff, ' ', 'j', 's', 'o', 'n'};
    String goodId = UUID.randomUUID().toString();
    produce(
        evaluated("NET-02").id(badId).body(garbage),
        evaluated("NET-02").id(goodId).body(evaluation("NET-02", "PASS")));

    ConsumerRecord<String, byte[]> rejected = awaitDeadLetter(dead, badId);
    assertThat(header(rejected, "dead-letter-reason")).contains("not valid JSON");
    assertThat(rejected.value()).isEqualTo(garbage);
    assertThat(header(rejected, "dead-letter-topic")).isEqualTo(TOPIC);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.count(pool, "SELECT count(*) FROM test_received WHERE event_id = $1", goodId)
                    == 1);
    assertThat(Db.count(pool, "SELECT count(*) FROM test_received WHERE event_id = $1", badId))
        .isZero();
  }

  @Test
  void shouldDeadLetterSchemaViolationsNamingTheFieldButNotTheValue() {
    ConsumerTask<String, byte[]> dead = deadLetters();
    String id = UUID.randomUUID().toString();
    produce(evaluated("NET-03").id(id).body(evaluation("NET-03", "MAYBE")));

    ConsumerRecord<String, byte[]> rejected = awaitDeadLetter(dead, id);
    assertThat(header(rejected, "dead-letter-reason")).contains("/status").doesNotContain("MAYBE");
    assertThat(Db.count(pool, "SELECT count(*) FROM vigil_inbox WHERE event_id = $1", id)).isZero();
  }

  @Test
  void shouldDeadLetterRecordsThatAreNotCloudEventsOrOfAnUnknownType() {
    ConsumerTask<String, byte[]> dead = deadLetters();
    String unknownType = UUID.randomUUID().toString();
    produce(
        cloudEvent(TOPIC, "AUTH-01", "dev.vigil.compliance.something-else.v1")
            .id(unknownType)
            .body(evaluation("AUTH-01", "PASS")),
        plain(TOPIC, "AUTH-01-plain").body(evaluation("AUTH-01", "PASS")));

    assertThat(header(awaitDeadLetter(dead, unknownType), "dead-letter-reason"))
        .contains("not handled here");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> dead.getRecords().stream().anyMatch(r -> "AUTH-01-plain".equals(r.key())));
    ConsumerRecord<String, byte[]> plain =
        dead.getRecords().stream()
            .filter(r -> "AUTH-01-plain".equals(r.key()))
            .findFirst()
            .orElseThrow();
    assertThat(header(plain, "dead-letter-reason"))
        .contains("missing CloudEvents header ce_specversion");
  }

  private ConsumerTask<String, byte[]> deadLetters() {
    return companion.consume(String.class, byte[].class).fromTopics(DLQ);
  }

  private static ConsumerRecord<String, byte[]> awaitDeadLetter(
      ConsumerTask<String, byte[]> dead, String eventId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> withId(dead, eventId).size() == 1);
    return withId(dead, eventId).get(0);
  }

  private static List<ConsumerRecord<String, byte[]>> withId(
      ConsumerTask<String, byte[]> dead, String eventId) {
    return dead.getRecords().stream().filter(r -> eventId.equals(header(r, "ce_id"))).toList();
  }

  private static dev.vigil.testing.kafka.CloudEventRecords evaluated(String controlId) {
    return cloudEvent(TOPIC, controlId, ControlEvaluation.TYPE);
  }

  private static String evaluation(String controlId, String status) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return """
        {"controlId":"%s","status":"%s","evaluatedAt":"%s","validUntil":"%s","evaluatedBy":"tests",
         "evidence":{"summary":"produced by a test"}}"""
        .formatted(controlId, status, now, now.plusHours(1));
  }
}
