package dev.vigil.backups.controls;

import dev.vigil.backups.cnpg.CnpgCluster;
import dev.vigil.backups.cnpg.CnpgObservation;
import dev.vigil.backups.targets.CronSchedule;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DB-03 and BKV-01 for PostgreSQL clusters run by CloudNativePG, from its {@code ScheduledBackup}
 * and {@code Backup} objects. CloudNativePG reports a backup completed once barman-cloud uploaded
 * it; Vigil does not re-read those, so the evidence says "completed per CloudNativePG".
 */
final class CnpgChecks {

  private static final Duration HOURLY = Duration.ofHours(1);

  private CnpgChecks() {}

  /** DB-03: an active schedule at least hourly, and a completed backup within it. */
  static void schedule(
      CnpgObservation observed, Duration grace, OffsetDateTime now, RuleOutcome.Builder result) {
    unreadable(observed, result);
    for (CnpgCluster cluster : observed.clusters()) {
      Map<String, Object> facts = new LinkedHashMap<>();
      unreadableSchedules(cluster)
          .forEach(
              schedule ->
                  result.warn(
                      label(cluster)
                          + "'s ScheduledBackup "
                          + schedule.name()
                          + " has a schedule Vigil cannot read ("
                          + schedule.cron()
                          + ")."));
      Optional<Duration> interval = shortestInterval(cluster, now);
      facts.put("source", "CloudNativePG");
      facts.put(
          "scheduledBackups",
          cluster.activeSchedules().stream().map(CnpgCluster.Schedule::name).toList());
      facts.put("intervalMinutes", interval.map(Duration::toMinutes).orElse(null));
      Optional<CnpgCluster.BackupRun> newest = cluster.newestCompleted();
      facts.put("newestCompletedBackup", newest.map(b -> b.stoppedAt().toString()).orElse(null));
      result.checked(label(cluster), facts);
      newest.ifPresent(b -> result.reference(reference(cluster, b)));
      if (interval.isEmpty()) {
        // Unreadable schedules were warned about: Vigil cannot judge them, so no FAIL either.
        if (cluster.activeSchedules().isEmpty()) {
          result.fail(label(cluster) + " has no active ScheduledBackup.");
        }
        continue;
      }
      if (interval.get().compareTo(HOURLY) > 0) {
        result.fail(
            label(cluster)
                + " is backed up only every "
                + Schedules.describe(interval.get())
                + "; at least hourly is required.");
      }
      if (newest.isEmpty()) {
        result.fail(label(cluster) + " has no completed backup.");
      } else if (newest.get().stoppedAt().plus(interval.get()).plus(grace).isBefore(now)) {
        result.fail(
            label(cluster)
                + " missed its schedule: the newest completed backup finished "
                + newest.get().stoppedAt()
                + ".");
      }
    }
  }

  /** BKV-01: the newest backup completed, recently enough; a failure names its error. */
  static void backups(
      CnpgObservation observed, Duration grace, OffsetDateTime now, RuleOutcome.Builder result) {
    unreadable(observed, result);
    for (CnpgCluster cluster : observed.clusters()) {
      Map<String, Object> facts = new LinkedHashMap<>();
      Optional<CnpgCluster.BackupRun> completed = cluster.newestCompleted();
      Optional<CnpgCluster.BackupRun> last = cluster.newestFinished();
      facts.put("source", "CloudNativePG");
      facts.put("completedBackups", cluster.backups().stream().filter(b -> b.completed()).count());
      facts.put("failedBackups", cluster.backups().stream().filter(b -> b.failed()).count());
      facts.put("lastBackup", last.map(CnpgCluster.BackupRun::name).orElse(null));
      facts.put("lastPhase", last.map(CnpgCluster.BackupRun::phase).orElse(null));
      result.checked(label(cluster), facts);
      if (completed.isEmpty()) {
        result.fail(
            label(cluster)
                + " has no completed backup"
                + last.filter(CnpgCluster.BackupRun::failed)
                    .map(b -> "; " + b.name() + " failed: " + b.error())
                    .orElse("."));
        continue;
      }
      result.reference(reference(cluster, completed.get()));
      // Without a readable schedule DB-03 fails; here a day is the longest a backup stays recent.
      Duration allowed = shortestInterval(cluster, now).orElse(Duration.ofDays(1)).plus(grace);
      if (completed.get().stoppedAt().plus(allowed).isBefore(now)) {
        result.fail(
            label(cluster) + " has completed no backup since " + completed.get().stoppedAt() + ".");
      } else if (last.filter(CnpgCluster.BackupRun::failed).isPresent()) {
        result.warn(
            label(cluster)
                + "'s latest backup "
                + last.get().name()
                + " failed ("
                + last.get().error()
                + "); an older completed one is still within schedule.");
      }
    }
  }

  /** The shortest of the active schedules' longest gaps; unreadable schedules are left out. */
  private static Optional<Duration> shortestInterval(CnpgCluster cluster, OffsetDateTime now) {
    return cluster.activeSchedules().stream()
        .map(s -> interval(s, now))
        .flatMap(Optional::stream)
        .min(Comparator.naturalOrder());
  }

  private static List<CnpgCluster.Schedule> unreadableSchedules(CnpgCluster cluster) {
    return cluster.activeSchedules().stream().filter(s -> !readable(s)).toList();
  }

  private static boolean readable(CnpgCluster.Schedule schedule) {
    try {
      CronSchedule.parseWithSeconds(schedule.cron());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Optional<Duration> interval(CnpgCluster.Schedule schedule, OffsetDateTime now) {
    return readable(schedule)
        ? Optional.of(
            CronSchedule.parseWithSeconds(schedule.cron()).longestGap(now.toZonedDateTime()))
        : Optional.empty();
  }

  private static void unreadable(CnpgObservation observed, RuleOutcome.Builder result) {
    observed.unreadable().entrySet().stream()
        .sorted(Comparator.comparing(Map.Entry::getKey))
        .forEach(
            e ->
                result.warn(
                    "CloudNativePG backups in namespace "
                        + e.getKey()
                        + " could not be read ("
                        + e.getValue()
                        + ")."));
  }

  private static String label(CnpgCluster cluster) {
    return "cnpg:" + cluster.id();
  }

  private static String reference(CnpgCluster cluster, CnpgCluster.BackupRun backup) {
    return "cnpg-backup:" + cluster.namespace() + "/" + backup.name();
  }
}
