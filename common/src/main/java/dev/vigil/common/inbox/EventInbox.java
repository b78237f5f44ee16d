package dev.vigil.common.inbox;

import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.EventSchemas;
import dev.vigil.common.events.KafkaCloudEvents;
import dev.vigil.common.events.RejectedEventException;
import dev.vigil.common.jobs.Workers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
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
@Startup
@ApplicationScoped
public class EventInbox {

  private static final Logger LOG = Logger.getLogger(EventInbox.class);
  private static final String MARK =
      "INSERT INTO vigil_inbox (consumer, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";

  /** Marks a batch of ids (a JSON array) and returns those not seen before. */
  private static final String MARK_ALL =
      "INSERT INTO vigil_inbox (consumer, event_id)"
          + " SELECT ?1, id FROM jsonb_array_elements_text(CAST(CAST(?2 AS text) AS jsonb)) AS id"
          + " ON CONFLICT DO NOTHING RETURNING event_id";

  private final EventSchemas schemas;
  private final InboxConfig config;
  private final MeterRegistry registry;
  private final Counter deadLettered;

  EventInbox(EventSchemas schemas, InboxConfig config, MeterRegistry registry) {
    this.schemas = schemas;
    this.config = config;
    this.registry = registry;
    // One untagged total, registered at start so an alert sees its first increase.
    this.deadLettered =
        Counter.builder("vigil.events.dead.lettered")
            .description("Consumed records rejected to a dead-letter topic, all consumers")
            .register(registry);
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
    return receive(consumer, record, acceptedTypes, CloudEvent::id, handler);
  }

  /**
   * As {@link #receive(String, ConsumerRecord, Set, Function)}, at most once per the key {@code
   * idempotencyKey} reads from the valid event (a request id in its data, say) instead of its id.
   */
  public Uni<Void> receive(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      Set<String> acceptedTypes,
      Function<CloudEvent, String> idempotencyKey,
      Function<CloudEvent, Uni<Void>> handler) {
    CloudEvent event;
    try {
      event = decode(record, acceptedTypes);
    } catch (RejectedEventException e) {
      logRejection(consumer, record, e);
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
                                .setParameter(2, idempotencyKey.apply(event))
                                .executeUpdate())
                    .chain(inserted -> inserted == 1 ? handler.apply(event) : duplicate(consumer)))
        .onFailure(failure -> !(failure instanceof RejectedEventException))
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .expireIn(config.retryFor().toMillis())
        .invoke(() -> registry.counter("vigil.events.consumed", "consumer", consumer).increment());
  }

  /** A record of a batch that decoded and validated, with its event. */
  public record Received(ConsumerRecord<String, byte[]> record, CloudEvent event) {}

  /**
   * Processes a batch of records in one transaction, each event at most once per id. Records that
   * can never be processed (undecodable, wrong type, schema violation, or refused by {@code
   * validator}) are handed to {@code deadLetters} with the reason and the rest still go through;
   * the handler receives only events not processed before, in record order.
   *
   * <p>Decoding, validation and {@code prepare} (CPU work that needs no database) run on a worker
   * thread, so batches of several partitions do not queue behind one event loop; the transaction
   * and {@code handler} run back on the caller's Vert.x context. {@code prepare} sees every valid
   * event of the batch; the handler gets the new ones and what {@code prepare} returned.
   *
   * <p>When the database refuses the data itself (SQLSTATE class 22), the batch is split and each
   * record tried alone, so one bad record is dead-lettered instead of blocking the partition. Other
   * failures retry the whole batch with backoff for {@link InboxConfig#retryFor()} and then fail,
   * so the channel stops rather than skip events.
   */
  public <P> Uni<Void> receiveAll(
      String consumer,
      List<ConsumerRecord<String, byte[]>> records,
      Set<String> acceptedTypes,
      Consumer<CloudEvent> validator,
      BiFunction<ConsumerRecord<String, byte[]>, RejectedEventException, Uni<Void>> deadLetters,
      Function<List<Received>, P> prepare,
      BiFunction<List<Received>, P, Uni<Void>> handler) {
    long start = System.nanoTime();
    Uni<Decoded<P>> decoded =
        Workers.offload(() -> decodeAll(consumer, records, acceptedTypes, validator, prepare));
    return decoded
        .chain(
            batch -> {
              Uni<Void> rejections = Uni.createFrom().voidItem();
              for (Map.Entry<ConsumerRecord<String, byte[]>, RejectedEventException> r :
                  batch.rejected().entrySet()) {
                rejections =
                    rejections.chain(() -> deadLetter(r.getKey(), r.getValue(), deadLetters));
              }
              return rejections.chain(
                  () ->
                      batch.valid().isEmpty()
                          ? Uni.createFrom().voidItem()
                          : store(
                              consumer,
                              batch.valid(),
                              deadLetters,
                              fresh -> handler.apply(fresh, batch.prepared())));
            })
        .invoke(
            () -> {
              registry
                  .summary("vigil.events.batch.size", "consumer", consumer)
                  .record(records.size());
              registry
                  .timer("vigil.events.batch.duration", "consumer", consumer)
                  .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            });
  }

  /** A decoded batch: valid events (first of each id), rejected records, prepared work. */
  private record Decoded<P>(
      List<Received> valid,
      Map<ConsumerRecord<String, byte[]>, RejectedEventException> rejected,
      P prepared) {}

  private <P> Decoded<P> decodeAll(
      String consumer,
      List<ConsumerRecord<String, byte[]>> records,
      Set<String> acceptedTypes,
      Consumer<CloudEvent> validator,
      Function<List<Received>, P> prepare) {
    Map<String, Received> valid = new LinkedHashMap<>();
    Map<ConsumerRecord<String, byte[]>, RejectedEventException> rejected = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        CloudEvent event = decode(record, acceptedTypes);
        validator.accept(event);
        valid.putIfAbsent(event.id(), new Received(record, event));
      } catch (RejectedEventException e) {
        logRejection(consumer, record, e);
        rejected.put(record, e);
      } catch (RuntimeException e) {
        // A record that breaks decoding must not stop the partition; its message may quote the
        // content, so only the kind of failure is kept.
        RejectedEventException reason =
            new RejectedEventException(
                "could not be decoded (" + e.getClass().getSimpleName() + ")");
        logRejection(consumer, record, reason);
        rejected.put(record, reason);
      }
    }
    List<Received> batch = List.copyOf(valid.values());
    return new Decoded<>(
        batch, rejected, batch.isEmpty() ? null : prepared(consumer, batch, prepare));
  }

  /** Work done ahead is an optimisation: when it fails, the handler does it in the transaction. */
  private static <P> P prepared(
      String consumer, List<Received> batch, Function<List<Received>, P> prepare) {
    try {
      return prepare.apply(batch);
    } catch (RuntimeException e) {
      LOG.warnf("Preparing a batch for %s failed (%s)", consumer, e.getClass().getSimpleName());
      return null;
    }
  }

  private Uni<Void> store(
      String consumer,
      List<Received> batch,
      BiFunction<ConsumerRecord<String, byte[]>, RejectedEventException, Uni<Void>> deadLetters,
      Function<List<Received>, Uni<Void>> handler) {
    return inTransaction(consumer, batch, handler)
        .onFailure(EventInbox::isDataError)
        .recoverWithUni(
            failure -> {
              if (batch.size() > 1) {
                LOG.warnf(
                    "The database refused data in a batch of %d for %s; storing them one by one",
                    batch.size(), consumer);
                return Multi.createFrom()
                    .iterable(batch)
                    .onItem()
                    .transformToUniAndConcatenate(
                        one -> store(consumer, List.of(one), deadLetters, handler))
                    .collect()
                    .last()
                    .replaceWithVoid();
              }
              return reject(
                  consumer,
                  batch.get(0).record(),
                  new RejectedEventException(
                      "the database refused the event's data (SQLSTATE " + sqlState(failure) + ")"),
                  deadLetters);
            })
        .onFailure(failure -> !isDataError(failure))
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .expireIn(config.retryFor().toMillis());
  }

  private Uni<Void> inTransaction(
      String consumer, List<Received> batch, Function<List<Received>, Uni<Void>> handler) {
    String ids = new JsonArray(batch.stream().map(r -> (Object) r.event().id()).toList()).encode();
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(MARK_ALL, String.class)
                                .setParameter(1, consumer)
                                .setParameter(2, ids)
                                .getResultList())
                    .chain(
                        fresh -> {
                          Set<String> isNew = new HashSet<>(fresh);
                          List<Received> todo =
                              batch.stream().filter(r -> isNew.contains(r.event().id())).toList();
                          if (todo.size() < batch.size()) {
                            registry
                                .counter("vigil.events.duplicates", "consumer", consumer)
                                .increment(batch.size() - todo.size());
                          }
                          return todo.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(todo);
                        }))
        .invoke(
            () ->
                registry
                    .counter("vigil.events.consumed", "consumer", consumer)
                    .increment(batch.size()));
  }

  private Uni<Void> reject(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      RejectedEventException reason,
      BiFunction<ConsumerRecord<String, byte[]>, RejectedEventException, Uni<Void>> deadLetters) {
    logRejection(consumer, record, reason);
    return deadLetter(record, reason, deadLetters);
  }

  /** Sends to the dead-letter topic, retried like storing: the record is committed only after. */
  private Uni<Void> deadLetter(
      ConsumerRecord<String, byte[]> record,
      RejectedEventException reason,
      BiFunction<ConsumerRecord<String, byte[]>, RejectedEventException, Uni<Void>> deadLetters) {
    return Uni.createFrom()
        .deferred(() -> deadLetters.apply(record, reason))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .expireIn(config.retryFor().toMillis());
  }

  private void logRejection(
      String consumer, ConsumerRecord<String, byte[]> record, RejectedEventException reason) {
    registry.counter("vigil.events.rejected", "consumer", consumer).increment();
    deadLettered.increment();
    LOG.warnf(
        "Rejected record %s-%d@%d for %s: %s",
        record.topic(), record.partition(), record.offset(), consumer, reason.getMessage());
  }

  private static boolean isDataError(Throwable failure) {
    String state = sqlState(failure);
    return state != null && state.startsWith("22");
  }

  private static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PgException pg) {
        return pg.getSqlState();
      }
    }
    return null;
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
