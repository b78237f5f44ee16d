package dev.vigil.backups.controls;

import dev.vigil.backups.targets.RetentionPolicy;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Builds catalogue snapshots for rule tests: one target, then backups and restores. */
final class Snapshots {

  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-03T12:30:00Z");

  private final List<CatalogueSnapshot.BackupState> backups = new ArrayList<>();
  private final List<CatalogueSnapshot.RestoreState> restores = new ArrayList<>();
  private String schedule = "0 * * * *";
  private OffsetDateTime createdAt = NOW.minusDays(400);
  private RetentionPolicy retention = new RetentionPolicy(24, 7, 4, 12, 1, 3);
  private CatalogueSnapshot.BackupState lastAttempt;

  static Snapshots target() {
    return new Snapshots();
  }

  Snapshots schedule(String cron) {
    schedule = cron;
    return this;
  }

  Snapshots createdAt(OffsetDateTime at) {
    createdAt = at;
    return this;
  }

  Snapshots retention(RetentionPolicy policy) {
    retention = policy;
    return this;
  }

  /** A verified backup taken {@code minutesAgo}. */
  Snapshots verified(long minutesAgo) {
    backups.add(backup("VERIFIED", minutesAgo, null));
    if (lastAttempt == null) {
      lastAttempt = backups.get(backups.size() - 1);
    }
    return this;
  }

  Snapshots bad(long minutesAgo) {
    backups.add(backup("BAD", minutesAgo, "the stored object's SHA-256 no longer matches"));
    return this;
  }

  Snapshots failedLastAttempt(String reason) {
    lastAttempt = backup("FAILED", 1, reason);
    return this;
  }

  Snapshots restore(String kind, String status, long daysAgo) {
    restores.add(
        new CatalogueSnapshot.RestoreState(
            UUID.randomUUID(),
            UUID.randomUUID(),
            kind,
            status,
            NOW.minusDays(daysAgo),
            60_000,
            600));
    return this;
  }

  CatalogueSnapshot build() {
    return new CatalogueSnapshot(
        List.of(
            new CatalogueSnapshot.TargetState(
                UUID.randomUUID(),
                "platform-db",
                createdAt,
                schedule,
                "30 3 * * 0",
                retention,
                60,
                60,
                List.copyOf(backups),
                Optional.ofNullable(lastAttempt),
                List.copyOf(restores))),
        Duration.ofMinutes(15));
  }

  static CatalogueSnapshot none() {
    return new CatalogueSnapshot(List.of(), Duration.ofMinutes(15));
  }

  private static CatalogueSnapshot.BackupState backup(
      String status, long minutesAgo, String error) {
    OffsetDateTime at = NOW.minusMinutes(minutesAgo);
    return new CatalogueSnapshot.BackupState(UUID.randomUUID(), status, at, at, false, error);
  }
}
