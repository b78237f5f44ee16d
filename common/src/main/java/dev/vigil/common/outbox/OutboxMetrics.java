package dev.vigil.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbox health as Prometheus metrics: {@code vigil_outbox_backlog} (unsent events), {@code
 * vigil_outbox_oldest_age_seconds} (age of the oldest unsent one), and counters of published and
 * failed publishes. Alert on a growing age: events are waiting for Kafka.
 */
@ApplicationScoped
public class OutboxMetrics {

  private final Pool pool;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestAgeSeconds = new AtomicLong();
  private final Counter published;
  private final Counter failures;

  OutboxMetrics(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    Gauge.builder("vigil.outbox.backlog", backlog, AtomicLong::get)
        .description("Events written to the outbox and not yet published")
        .register(registry);
    Gauge.builder("vigil.outbox.oldest.age.seconds", oldestAgeSeconds, AtomicLong::get)
        .description("Age of the oldest unpublished outbox event")
        .baseUnit("seconds")
        .register(registry);
    published =
        Counter.builder("vigil.outbox.published")
            .description("Events published to Kafka")
            .register(registry);
    failures =
        Counter.builder("vigil.outbox.publish.failures")
            .description("Publish attempts that failed and will be retried")
            .register(registry);
  }

  void published(int count) {
    published.increment(count);
  }

  void failed(int count) {
    failures.increment(count);
  }

  @Scheduled(
      identity = "vigil-outbox-metrics",
      every = "${vigil.outbox.metrics-interval:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return pool.query(
            "SELECT count(*) AS backlog, coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS age"
                + " FROM vigil_outbox WHERE sent_at IS NULL")
        .execute()
        .invoke(
            rows -> {
              Row row = rows.iterator().next();
              backlog.set(row.getLong("backlog"));
              oldestAgeSeconds.set(row.getLong("age"));
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
