package dev.vigil.common.outbox;

import dev.vigil.common.events.KafkaCloudEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka and marks them sent.
 *
 * <p>One replica relays at a time (a transaction-scoped advisory lock, so rows need no row locks,
 * which would cost a write per event), reading unsent rows in id order and handing a round's events
 * to the idempotent producer in that order, so the events of one subject (the record key) reach
 * their partition in order. Only acknowledged events are marked sent (deleted, with a zero {@code
 * vigil.outbox.sent-retention}). An event whose publish failed is sent again in a later round, so
 * after a failure it can follow later events of its subject; consumers deduplicate by event id and
 * must not rely on more. While Kafka is unreachable the relay backs off exponentially and keeps
 * every row.
 */
@ApplicationScoped
public class OutboxRelay {

  static final String CHANNEL = "vigil-outbox";
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(30);
  private static final long LOCK_KEY = 0x5649_4749_4c4fL; // "VIGILO"

  private static final String SELECT_UNSENT =
      "SELECT id, event_id, topic, event_type, event_source, subject, data_schema, occurred_at,"
          + " payload::text AS payload, correlation_id FROM vigil_outbox WHERE sent_at IS NULL"
          + " ORDER BY id"
          + " LIMIT $1";

  private static final String MARK_SENT =
      "UPDATE vigil_outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1)";
  private static final String DELETE_SENT = "DELETE FROM vigil_outbox WHERE id = ANY($1)";

  private final Pool pool;
  private final MutinyEmitter<byte[]> emitter;
  private final OutboxConfig config;
  private final OutboxMetrics metrics;
  private volatile Instant pausedUntil = Instant.MIN;
  private volatile Duration backoff;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  OutboxRelay(
      Pool pool,
      @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          MutinyEmitter<byte[]> emitter,
      OutboxConfig config,
      OutboxMetrics metrics) {
    this.pool = pool;
    this.emitter = emitter;
    this.config = config;
    this.metrics = metrics;
    this.backoff = config.initialBackoff();
  }

  /**
   * Polls on a Vert.x timer rather than the scheduler, which runs nothing more often than once a
   * second; event latency matters (alerts, checklist).
   */
  void start(@Observes StartupEvent startup, Vertx vertx) {
    if (config.relayEnabled()) {
      timer = vertx.setPeriodic(1000, config.pollInterval().toMillis(), id -> tick());
    }
  }

  void stop(@Observes ShutdownEvent shutdown, Vertx vertx) {
    vertx.cancelTimer(timer);
  }

  private void tick() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    LOG.debug("Outbox relay round");
    scheduledRelay().subscribe().with(done -> running.set(false), failure -> running.set(false));
  }

  Uni<Void> scheduledRelay() {
    if (Instant.now().isBefore(pausedUntil)) {
      return Uni.createFrom().voidItem();
    }
    return relayOnce()
        // A round must never hold the relay forever (e.g. a pool acquisition stuck after an
        // outage).
        .ifNoItem()
        .after(ROUND_TIMEOUT)
        .fail()
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf("Outbox relay round failed: %s", failure.getClass().getSimpleName());
              pause();
              return 0;
            })
        .replaceWithVoid();
  }

  /**
   * One relay round.
   *
   * @return how many events were published
   */
  public Uni<Integer> relayOnce() {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(LOCK_KEY))
                .chain(
                    rows ->
                        rows.iterator().next().getBoolean("locked")
                            ? publishBatch(connection)
                            : lockedElsewhere()));
  }

  private static Uni<Integer> lockedElsewhere() {
    LOG.debug("Another replica is relaying");
    return Uni.createFrom().item(0);
  }

  private Uni<Integer> publishBatch(SqlConnection connection) {
    return connection
        .preparedQuery(SELECT_UNSENT)
        .execute(Tuple.of(config.batchSize()))
        .chain(
            rows -> {
              if (rows.size() == 0) {
                backoff = config.initialBackoff();
                return Uni.createFrom().item(0);
              }
              List<Row> unsent = new ArrayList<>(rows.size());
              rows.forEach(unsent::add);
              // Acks arrive on Kafka's producer thread; return to the connection's context.
              Context context = Vertx.currentContext().getDelegate();
              return publishAll(unsent)
                  .emitOn(command -> context.runOnContext(ignored -> command.run()))
                  .chain(results -> record(connection, results));
            });
  }

  /**
   * The first event goes alone: while Kafka is unreachable each send waits out the producer's
   * metadata timeout one after another, so a round of many would outlast its own timeout and record
   * nothing. Once it is acknowledged, the rest are handed to the producer in id order without
   * waiting for each acknowledgement: the idempotent producer keeps them in that order per key, and
   * batches them.
   */
  private Uni<List<Publish>> publishAll(List<Row> unsent) {
    return publish(unsent.get(0))
        .chain(
            first -> {
              if (first.failure() != null || unsent.size() == 1) {
                return Uni.createFrom().item(List.of(first));
              }
              List<Uni<Publish>> sends = new ArrayList<>(unsent.size());
              sends.add(Uni.createFrom().item(first));
              unsent.subList(1, unsent.size()).forEach(row -> sends.add(publish(row)));
              return Uni.join().all(sends).andFailFast();
            });
  }

  private Uni<Publish> publish(Row row) {
    long id = row.getLong("id");
    return emitter
        .sendMessage(toMessage(row))
        .replaceWith(new Publish(id, null))
        .onFailure()
        .recoverWithItem(failure -> new Publish(id, failure));
  }

  private Uni<Integer> record(SqlConnection connection, List<Publish> results) {
    List<Long> sent = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    Throwable firstFailure = null;
    for (Publish result : results) {
      if (result.failure() == null) {
        sent.add(result.id());
      } else {
        failed.add(result.id());
        firstFailure = firstFailure == null ? result.failure() : firstFailure;
      }
    }
    String error = firstFailure == null ? null : describe(firstFailure);
    Uni<Void> markSent =
        sent.isEmpty()
            ? Uni.createFrom().voidItem()
            : connection
                .preparedQuery(config.sentRetention().isZero() ? DELETE_SENT : MARK_SENT)
                .execute(Tuple.of(sent.toArray(new Long[0])))
                .replaceWithVoid();
    Uni<Void> markFailed =
        failed.isEmpty()
            ? Uni.createFrom().voidItem()
            : connection
                .preparedQuery(
                    "UPDATE vigil_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)")
                .execute(Tuple.of(failed.toArray(new Long[0]), error))
                .replaceWithVoid();
    return markSent
        .chain(() -> markFailed)
        .invoke(
            () -> {
              LOG.debugf("Outbox relay published %d, failed %d", sent.size(), failed.size());
              metrics.published(sent.size());
              if (failed.isEmpty()) {
                backoff = config.initialBackoff();
              } else {
                metrics.failed(failed.size());
                LOG.warnf(
                    "Outbox relay could not publish %d event(s): %s; retrying in %s",
                    failed.size(), error, backoff);
                pause();
              }
            })
        .replaceWith(sent.size());
  }

  private void pause() {
    pausedUntil = Instant.now().plus(backoff);
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
  }

  private static Message<byte[]> toMessage(Row row) {
    String subject = row.getString("subject");
    var headers =
        KafkaCloudEvents.headers(
            row.getUUID("event_id").toString(),
            row.getString("event_source"),
            row.getString("event_type"),
            subject,
            row.getOffsetDateTime("occurred_at"),
            row.getString("data_schema"));
    String correlation = row.getString("correlation_id");
    if (correlation != null) {
      headers.add(KafkaCloudEvents.CORRELATION_ID, correlation.getBytes(StandardCharsets.UTF_8));
    }
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(row.getString("topic"))
            .withKey(subject)
            .withHeaders(headers)
            .build();
    return Message.of(row.getString("payload").getBytes(StandardCharsets.UTF_8))
        .addMetadata(metadata);
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private record Publish(long id, Throwable failure) {}
}
