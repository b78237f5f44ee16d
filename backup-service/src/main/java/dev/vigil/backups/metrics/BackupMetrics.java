package dev.vigil.backups.metrics;

import dev.vigil.backups.targets.CronSchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-target backup health for Prometheus, refreshed from the catalogue:
 *
 * <ul>
 *   <li>{@code vigil_backup_last_success_timestamp_seconds}: when the newest verified backup was
 *       taken (alert when older than twice the schedule);
 *   <li>{@code vigil_backup_last_size_bytes} and {@code vigil_backup_last_duration_seconds}: its
 *       stored size and how long it took;
 *   <li>{@code vigil_backup_restore_test_age_seconds}: time since the last passed restore test;
 *   <li>{@code vigil_backup_bad_backups}: stored backups that failed re-verification;
 *   <li>{@code vigil_backup_schedule_interval_seconds} and {@code
 *       vigil_backup_restore_test_interval_seconds}: the longest gap between two firings of the
 *       target's backup and restore-test schedules, what the alerts compare the ages with.
 * </ul>
 *
 * A target with no verified backup or no passed test has no sample for that gauge: absent data is
 * not reported as zero.
 */
@ApplicationScoped
public class BackupMetrics {

  private static final String QUERY =
      "SELECT t.name, t.schedule, t.restore_test_schedule,"
          + " (SELECT extract(epoch FROM b.created_at) FROM backup b WHERE b.target_id = t.id"
          + "   AND b.status = 'VERIFIED' ORDER BY b.created_at DESC LIMIT 1) AS last_success,"
          + " (SELECT b.stored_bytes FROM backup b WHERE b.target_id = t.id AND b.status = 'VERIFIED'"
          + "   ORDER BY b.created_at DESC LIMIT 1) AS last_size,"
          + " (SELECT extract(epoch FROM b.finished_at - b.started_at) FROM backup b"
          + "   WHERE b.target_id = t.id AND b.status = 'VERIFIED' ORDER BY b.created_at DESC LIMIT 1)"
          + "   AS last_duration,"
          + " (SELECT extract(epoch FROM now() - max(r.finished_at)) FROM restore_run r"
          + "   WHERE r.target_id = t.id AND r.status = 'PASSED' AND r.kind IN ('TEST', 'DRILL'))"
          + "   AS restore_test_age,"
          + " (SELECT count(*) FROM backup b WHERE b.target_id = t.id AND b.status = 'BAD') AS bad"
          + " FROM backup_target t WHERE t.enabled";

  /** The last figures read for one target; NaN where there is no data. */
  private static final class Figures {
    volatile double lastSuccess = Double.NaN;
    volatile double lastSize = Double.NaN;
    volatile double lastDuration = Double.NaN;
    volatile double restoreTestAge = Double.NaN;
    volatile double bad;
    volatile double scheduleInterval = Double.NaN;
    volatile double restoreTestInterval = Double.NaN;
  }

  private final Pool pool;
  private final MeterRegistry registry;
  private final Map<String, Figures> targets = new ConcurrentHashMap<>();
  private final Map<String, Double> intervals = new ConcurrentHashMap<>();

  BackupMetrics(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    this.registry = registry;
  }

  @Scheduled(
      identity = "backup-metrics",
      every = "${vigil.backups.metrics-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return pool.query(QUERY)
        .execute()
        .invoke(rows -> rows.forEach(this::update))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private void update(Row row) {
    Figures figures = targets.computeIfAbsent(row.getString("name"), this::register);
    figures.lastSuccess = number(row, "last_success");
    figures.lastSize = number(row, "last_size");
    figures.lastDuration = number(row, "last_duration");
    figures.restoreTestAge = number(row, "restore_test_age");
    figures.bad = number(row, "bad");
    figures.scheduleInterval = interval(row.getString("schedule"));
    figures.restoreTestInterval = interval(row.getString("restore_test_schedule"));
  }

  /** The schedule's longest gap in seconds, computed once per expression; NaN when unreadable. */
  private double interval(String expression) {
    return intervals.computeIfAbsent(
        expression,
        e -> {
          try {
            return (double)
                CronSchedule.parse(e).longestGap(ZonedDateTime.now(ZoneOffset.UTC)).toSeconds();
          } catch (RuntimeException unreadable) {
            return Double.NaN;
          }
        });
  }

  private Figures register(String target) {
    Figures figures = new Figures();
    Tags tags = Tags.of("target", target);
    Gauge.builder("vigil.backup.last.success.timestamp", figures, f -> f.lastSuccess)
        .description("When the newest verified backup of the target was taken")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    Gauge.builder("vigil.backup.last.size", figures, f -> f.lastSize)
        .description("Stored size of the newest verified backup")
        .baseUnit("bytes")
        .tags(tags)
        .register(registry);
    Gauge.builder("vigil.backup.last.duration", figures, f -> f.lastDuration)
        .description("How long the newest verified backup took, dump to verified")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    Gauge.builder("vigil.backup.restore.test.age", figures, f -> f.restoreTestAge)
        .description("Time since the target's last passed restore test")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    Gauge.builder("vigil.backup.bad.backups", figures, f -> f.bad)
        .description("Stored backups of the target that failed re-verification")
        .tags(tags)
        .register(registry);
    Gauge.builder("vigil.backup.schedule.interval", figures, f -> f.scheduleInterval)
        .description("Longest gap between two firings of the target's backup schedule")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    Gauge.builder("vigil.backup.restore.test.interval", figures, f -> f.restoreTestInterval)
        .description("Longest gap between two firings of the target's restore-test schedule")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    return figures;
  }

  private static double number(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
