package dev.vigil.backups.cnpg;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What CloudNativePG says about the backups of one of its PostgreSQL clusters: its {@code
 * ScheduledBackup} and {@code Backup} objects ({@code postgresql.cnpg.io/v1}), read-only.
 */
public record CnpgCluster(
    String namespace, String name, List<Schedule> schedules, List<BackupRun> backups) {

  public CnpgCluster {
    schedules = List.copyOf(schedules);
    backups = List.copyOf(backups);
  }

  /** {@code namespace/name}, as evidence names the cluster. */
  public String id() {
    return namespace + "/" + name;
  }

  /** Schedules that are not suspended. */
  public List<Schedule> activeSchedules() {
    return schedules.stream().filter(s -> !s.suspended()).toList();
  }

  /** The newest backup CloudNativePG reports completed. */
  public Optional<BackupRun> newestCompleted() {
    return backups.stream()
        .filter(BackupRun::completed)
        .filter(b -> b.stoppedAt() != null)
        .max(Comparator.comparing(BackupRun::stoppedAt));
  }

  /** The newest backup that finished either way. */
  public Optional<BackupRun> newestFinished() {
    return backups.stream()
        .filter(b -> b.completed() || b.failed())
        .max(Comparator.comparing(b -> b.finishedAt().orElse(OffsetDateTime.MIN)));
  }

  /** A {@code ScheduledBackup}: its cron expression has six fields, seconds first. */
  public record Schedule(String name, String cron, boolean suspended) {}

  /** A {@code Backup} and its status. */
  public record BackupRun(
      String name,
      String phase,
      String method,
      OffsetDateTime startedAt,
      OffsetDateTime stoppedAt,
      String error) {

    public boolean completed() {
      return "completed".equalsIgnoreCase(phase);
    }

    public boolean failed() {
      return "failed".equalsIgnoreCase(phase);
    }

    public Optional<OffsetDateTime> finishedAt() {
      return Optional.ofNullable(stoppedAt != null ? stoppedAt : startedAt);
    }
  }
}
