package dev.vigil.common.inbox;

import dev.vigil.common.events.RejectedEventException;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Dead-letter records for batch consumers, which cannot use the connector's per-record dead-letter
 * strategy without sending the valid records of the batch along. Same shape as the connector's:
 * original key, value and headers, plus the {@code dead-letter-*} headers.
 */
public final class DeadLetters {

  private DeadLetters() {}

  /** The dead-letter message for a record rejected for {@code reason}. */
  public static Message<byte[]> of(
      ConsumerRecord<String, byte[]> record, RejectedEventException reason) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add("dead-letter-reason", utf8(reason.getMessage()));
    headers.add("dead-letter-cause", utf8(RejectedEventException.class.getName()));
    headers.add("dead-letter-topic", utf8(record.topic()));
    headers.add("dead-letter-partition", utf8(Integer.toString(record.partition())));
    headers.add("dead-letter-offset", utf8(Long.toString(record.offset())));
    return Message.of(record.value())
        .addMetadata(
            OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build());
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
