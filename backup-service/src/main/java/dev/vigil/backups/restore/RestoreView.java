package dev.vigil.backups.restore;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.backups.BackupJson;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A restore as the API shows it. */
public record RestoreView(
    UUID id,
    UUID backupId,
    UUID targetId,
    RestoreRun.Kind kind,
    RestoreRun.Status status,
    String requestedBy,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    String phase,
    long bytesDone,
    String database,
    boolean replace,
    Long durationMs,
    Long dataAgeSeconds,
    List<String> differences,
    List<CheckResult> checks,
    String error,
    String incidentId) {

  static RestoreView of(RestoreRun r) {
    return new RestoreView(
        r.id,
        r.backupId,
        r.targetId,
        r.kind,
        r.status,
        r.requestedBy,
        r.createdAt,
        r.startedAt,
        r.finishedAt,
        r.phase,
        r.bytesDone,
        r.databaseName,
        r.replaceExisting,
        r.durationMs,
        r.dataAgeSeconds,
        BackupJson.read(r.mismatches, new TypeReference<List<String>>() {}),
        BackupJson.read(r.checkResults, new TypeReference<List<CheckResult>>() {}),
        r.error,
        r.incidentId);
  }
}
