package dev.vigil.backups.controls;

import dev.vigil.backups.cnpg.CnpgObservation;
import dev.vigil.backups.targets.RetentionPolicy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the controls read: every enabled target with its backups and restores.
 *
 * @param grace how late a scheduled backup may be before it counts as missed
 * @param cnpg CloudNativePG's own backups, for clusters it runs
 */
public record CatalogueSnapshot(List<TargetState> targets, Duration grace, CnpgObservation cnpg) {

  /** A snapshot without CloudNativePG observation. */
  public CatalogueSnapshot(List<TargetState> targets, Duration grace) {
    this(targets, grace, CnpgObservation.off());
  }

  /**
   * @param backups the target's backups that are not pruned or failed: VERIFIED and BAD
   * @param lastAttempt the newest finished backup of any outcome, if any
   * @param restores restores of the last 400 days, newest first
   */
  public record TargetState(
      UUID id,
      String name,
      OffsetDateTime createdAt,
      String schedule,
      String restoreTestSchedule,
      RetentionPolicy retention,
      int rpoMinutes,
      int rtoMinutes,
      List<BackupState> backups,
      Optional<BackupState> lastAttempt,
      List<RestoreState> restores) {

    /** Verified backups, newest first. */
    public List<BackupState> verified() {
      return backups.stream().filter(b -> "VERIFIED".equals(b.status())).toList();
    }
  }

  /** A backup's facts. */
  public record BackupState(
      UUID id,
      String status,
      OffsetDateTime createdAt,
      OffsetDateTime snapshotAt,
      boolean held,
      String error) {}

  /** A restore's facts. */
  public record RestoreState(
      UUID id,
      UUID backupId,
      String kind,
      String status,
      OffsetDateTime finishedAt,
      long durationMs,
      long dataAgeSeconds) {

    public boolean passed() {
      return "PASSED".equals(status);
    }

    public boolean isTest() {
      return "TEST".equals(kind) || "DRILL".equals(kind);
    }
  }
}
