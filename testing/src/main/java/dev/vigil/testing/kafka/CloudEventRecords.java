package dev.vigil.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds binary-mode CloudEvent records the way a producer outside Vigil would, and reads them. */
public final class CloudEventRecords {

  private final String topic;
  private final String key;
  private final RecordHeaders headers = new RecordHeaders();

  private CloudEventRecords(String topic, String key) {
    this.topic = topic;
    this.key = key;
  }

  /** A record with all required attributes; the id is random unless {@link #id} sets one. */
  public static CloudEventRecords cloudEvent(String topic, String key, String type) {
    return new CloudEventRecords(topic, key)
        .header("ce_specversion", "1.0")
        .header("ce_id", UUID.randomUUID().toString())
        .header("ce_source", "/tests")
        .header("ce_type", type)
        .header("ce_subject", key)
        .header("ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString())
        .header("content-type", "application/json");
  }

  /** A record without any CloudEvents attribute. */
  public static CloudEventRecords plain(String topic, String key) {
    return new CloudEventRecords(topic, key);
  }

  public CloudEventRecords id(String id) {
    return header("ce_id", id);
  }

  public CloudEventRecords source(String source) {
    return header("ce_source", source);
  }

  /** Sets (replaces) a header. */
  public CloudEventRecords header(String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public ProducerRecord<String, byte[]> body(String json) {
    return body(json.getBytes(StandardCharsets.UTF_8));
  }

  public ProducerRecord<String, byte[]> body(byte[] value) {
    return new ProducerRecord<>(topic, null, key, value, headers);
  }

  /** Produces the records on the running test broker and waits until they are written. */
  @SafeVarargs
  public static void produce(ProducerRecord<String, byte[]>... records) {
    KafkaTestBroker.running()
        .companion()
        .produce(String.class, byte[].class)
        .fromRecords(records)
        .awaitCompletion();
  }

  /** A header's text, or {@code null} when absent. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
