package dev.vigil.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
    byte[] body = evaluation("NET-01", "PASS");
    produce(record("NET-01", headers(id, ControlEvaluation.TYPE), body));
    produce(record("NET-01", headers(id, ControlEvaluation.TYPE), body));
    String sentinel = UUID.randomUUID().toString();
    produce(
        record("NET-01", headers(sentinel, ControlEvaluation.TYPE), evaluation("NET-01", "FAIL")));

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
    ConsumerTask<String, byte[]> dead =
        companion.consume(String.class, byte[].class).fromTopics(DLQ);
    String badId = UUID.randomUUID().toString();
    byte[] garbage = {'{', 'n', 'o', 't', (byte) 0xff, ' ', 'j', 's', 'o', 'n'};
    produce(record("NET-02", headers(badId, ControlEvaluation.TYPE), garbage));
    String goodId = UUID.randomUUID().toString();
    produce(
        record("NET-02", headers(goodId, ControlEvaluation.TYPE), evaluation("NET-02", "PASS")));

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
  void shouldDeadLetterSchemaViolationsNamingTheField() {
    ConsumerTask<String, byte[]> dead =
        companion.consume(String.class, byte[].class).fromTopics(DLQ);
    String id = UUID.randomUUID().toString();
    produce(record("NET-03", headers(id, ControlEvaluation.TYPE), evaluation("NET-03", "MAYBE")));

    ConsumerRecord<String, byte[]> rejected = awaitDeadLetter(dead, id);
    assertThat(header(rejected, "dead-letter-reason")).contains("/status").doesNotContain("MAYBE");
    assertThat(Db.count(pool, "SELECT count(*) FROM vigil_inbox WHERE event_id = $1", id)).isZero();
  }

  @Test
  void shouldDeadLetterRecordsThatAreNotCloudEventsOrOfAnUnknownType() {
    ConsumerTask<String, byte[]> dead =
        companion.consume(String.class, byte[].class).fromTopics(DLQ);
    String unknownType = UUID.randomUUID().toString();
    produce(
        record(
            "AUTH-01",
            headers(unknownType, "dev.vigil.compliance.something-else.v1"),
            evaluation("AUTH-01", "PASS")));
    produce(record("AUTH-01-plain", new RecordHeaders(), evaluation("AUTH-01", "PASS")));

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

  private ConsumerRecord<String, byte[]> awaitDeadLetter(
      ConsumerTask<String, byte[]> dead, String eventId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(dead, eventId).size() == 1);
    return deadLetters(dead, eventId).get(0);
  }

  private static List<ConsumerRecord<String, byte[]>> deadLetters(
      ConsumerTask<String, byte[]> dead, String eventId) {
    return dead.getRecords().stream()
        .filter(r -> r.headers().lastHeader("ce_id") != null && eventId.equals(header(r, "ce_id")))
        .toList();
  }

  private void produce(ProducerRecord<String, byte[]> record) {
    companion.produce(String.class, byte[].class).fromRecords(record).awaitCompletion();
  }

  private static ProducerRecord<String, byte[]> record(
      String key, RecordHeaders headers, byte[] value) {
    return new ProducerRecord<>(TOPIC, null, key, value, headers);
  }

  private static RecordHeaders headers(String id, String type) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_specversion", bytes("1.0"));
    headers.add("ce_id", bytes(id));
    headers.add("ce_source", bytes("/tests"));
    headers.add("ce_type", bytes(type));
    headers.add("ce_time", bytes(OffsetDateTime.now(ZoneOffset.UTC).toString()));
    headers.add("content-type", bytes("application/json"));
    return headers;
  }

  private static byte[] evaluation(String controlId, String status) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return bytes(
        """
        {"controlId":"%s","status":"%s","evaluatedAt":"%s","validUntil":"%s","evaluatedBy":"tests",
         "evidence":{"summary":"produced by a test"}}"""
            .formatted(controlId, status, now, now.plusHours(1)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
