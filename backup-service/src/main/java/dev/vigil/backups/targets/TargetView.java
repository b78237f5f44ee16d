package dev.vigil.backups.targets;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A target as the API shows it: where the password comes from, never the password. */
public record TargetView(
    UUID id,
    String name,
    String host,
    int port,
    String database,
    String username,
    String sslMode,
    String passwordSource,
    String schedule,
    String restoreTestSchedule,
    RetentionPolicy retention,
    int rpoMinutes,
    int rtoMinutes,
    List<ValidationCheck> checks,
    boolean enabled,
    OffsetDateTime createdAt,
    String createdBy,
    OffsetDateTime updatedAt,
    String updatedBy) {

  static TargetView of(BackupTarget t) {
    return new TargetView(
        t.id,
        t.name,
        t.host,
        t.port,
        t.databaseName,
        t.username,
        t.sslMode,
        describe(t.connection().password()),
        t.schedule,
        t.restoreTestSchedule,
        t.retention(),
        t.rpoMinutes,
        t.rtoMinutes,
        TargetJson.checks(t.checks),
        t.enabled,
        t.createdAt,
        t.createdBy,
        t.updatedAt,
        t.updatedBy);
  }

  private static String describe(PasswordSource source) {
    if (source instanceof PasswordSource.SecretKey s) {
      return "secret:"
          + (s.namespace() == null ? "" : s.namespace() + "/")
          + s.name()
          + "#"
          + s.key();
    }
    if (source instanceof PasswordSource.EnvironmentVariable e) {
      return "env:" + e.name();
    }
    return "none";
  }
}
