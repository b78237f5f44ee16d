package dev.vigil.keys.reencryption;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Key rotation and re-encryption for Prometheus, refreshed from the database:
 *
 * <ul>
 *   <li>{@code vigil_keys_reencryption_running_jobs}: jobs in state RUNNING;
 *   <li>{@code vigil_keys_reencryption_remaining_items}: credentials those jobs still have to do;
 *   <li>{@code vigil_keys_reencryption_oldest_progress_timestamp_seconds}: the least recent
 *       progress of a running job (a stall shows as this falling behind), NaN when none runs;
 *   <li>{@code vigil_keys_last_generated_version_timestamp_seconds}: when Vigil last generated a
 *       key version (a rotation), NaN when never.
 * </ul>
 */
@Startup
@ApplicationScoped
public class ReencryptionMetrics {

  private static final String QUERY =
      "SELECT (SELECT count(*) FROM reencryption_job WHERE state = 'RUNNING') AS running,"
          + " (SELECT coalesce(sum(total - done - failed), 0) FROM reencryption_job"
          + "   WHERE state = 'RUNNING') AS remaining,"
          + " (SELECT extract(epoch FROM min(updated_at)) FROM reencryption_job"
          + "   WHERE state = 'RUNNING') AS oldest_progress,"
          + " (SELECT extract(epoch FROM max(observed_at)) FROM key_slot_version"
          + "   WHERE origin = 'GENERATED') AS last_generated";

  private final Pool pool;
  private volatile double running = Double.NaN;
  private volatile double remaining = Double.NaN;
  private volatile double oldestProgress = Double.NaN;
  private volatile double lastGenerated = Double.NaN;

  ReencryptionMetrics(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    Gauge.builder("vigil.keys.reencryption.running.jobs", this, m -> m.running)
        .description("Re-encryption jobs running")
        .register(registry);
    Gauge.builder("vigil.keys.reencryption.remaining.items", this, m -> m.remaining)
        .description("Credentials the running re-encryption jobs still have to re-encrypt")
        .register(registry);
    Gauge.builder("vigil.keys.reencryption.oldest.progress.timestamp", this, m -> m.oldestProgress)
        .description("Least recent progress of a running re-encryption job")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("vigil.keys.last.generated.version.timestamp", this, m -> m.lastGenerated)
        .description("When Vigil last generated a key version")
        .baseUnit("seconds")
        .register(registry);
  }

  @Scheduled(
      identity = "reencryption-metrics",
      every = "${vigil.keys.metrics-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return pool.query(QUERY)
        .execute()
        .invoke(
            rows -> {
              Row row = rows.iterator().next();
              running = number(row, "running");
              remaining = number(row, "remaining");
              oldestProgress = number(row, "oldest_progress");
              lastGenerated = number(row, "last_generated");
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private static double number(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
