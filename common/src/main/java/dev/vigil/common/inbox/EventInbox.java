package dev.vigil.common.inbox;

import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.EventSchemas;
import dev.vigil.common.events.KafkaCloudEvents;
import dev.vigil.common.events.RejectedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The receiving side of every Vigil consumer: decodes the CloudEvent, checks its type and schema,
 * and runs the handler in one transaction together with the "processed" marker, so a redelivered
 * event (same id) changes nothing.
 *
 * <p>A record that can never be processed fails with {@link RejectedEventException}; with the
 * channel's {@code failure-strategy=dead-letter-queue} it lands on the dead-letter topic with the
 * reason in the {@code dead-letter-reason} header, and the consumer moves on. Transient failures
 * are retried with backoff for {@link InboxConfig#retryFor()}.
 */
@ApplicationScoped
public class EventInbox {

  private static final Logger LOG = Logger.getLogger(EventInbox.class);
  private static final String MARK =
      "INSERT INTO vigil_inbox (consumer, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";

  private final EventSchemas schemas;
  private final InboxConfig config;
  private final MeterRegistry registry;

  EventInbox(EventSchemas schemas, InboxConfig config, MeterRegistry registry) {
    this.schemas = schemas;
    this.config = config;
    this.registry = registry;
  }

  /**
   * Processes one record at most once per event id.
   *
   * @param consumer stable name of the consuming channel; part of the idempotency key
   * @param acceptedTypes event types this consumer handles; any other type is rejected
   * @param handler applies the event; runs inside the transaction
   */
  public Uni<Void> receive(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      Set<String> acceptedTypes,
      Function<CloudEvent, Uni<Void>> handler) {
    CloudEvent event;
    try {
      event = decode(record, acceptedTypes);
    } catch (RejectedEventException e) {
      registry.counter("vigil.events.rejected", "consumer", consumer).increment();
      LOG.warnf(
          "Rejected record %s-%d@%d for %s: %s",
          record.topic(), record.partition(), record.offset(), consumer, e.getMessage());
      return Uni.createFrom().failure(e);
    }
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(MARK)
                                .setParameter(1, consumer)
                                .setParameter(2, event.id())
                                .executeUpdate())
                    .chain(inserted -> inserted == 1 ? handler.apply(event) : duplicate(consumer)))
        .onFailure(failure -> !(failure instanceof RejectedEventException))
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .expireIn(config.retryFor().toMillis())
        .invoke(() -> registry.counter("vigil.events.consumed", "consumer", consumer).increment());
  }

  private CloudEvent decode(ConsumerRecord<String, byte[]> record, Set<String> acceptedTypes) {
    CloudEvent event = KafkaCloudEvents.decode(record.headers(), record.key(), record.value());
    if (!acceptedTypes.contains(event.type())) {
      throw new RejectedEventException("event type " + event.type() + " is not handled here");
    }
    List<String> violations = schemas.violations(event.type(), event.data());
    if (!violations.isEmpty()) {
      throw new RejectedEventException(
          "data violates " + event.type() + " schema: " + String.join("; ", violations));
    }
    return event;
  }

  private Uni<Void> duplicate(String consumer) {
    registry.counter("vigil.events.duplicates", "consumer", consumer).increment();
    return Uni.createFrom().voidItem();
  }
}
