package dev.vigil.backups.catalogue;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A backup as the API shows it: what, when, where and how it was proved; no key material. */
public record BackupView(
    UUID id,
    UUID targetId,
    Backup.Status status,
    Backup.Trigger trigger,
    String requestedBy,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    String phase,
    long bytesDone,
    OffsetDateTime snapshotAt,
    String serverVersion,
    String pgDumpVersion,
    String objectKey,
    Long storedBytes,
    Long dumpBytes,
    String dumpSha256,
    OffsetDateTime verifiedAt,
    OffsetDateTime lastVerifiedAt,
    boolean held,
    String holdReason,
    String incidentId,
    String error) {

  public static BackupView of(Backup b) {
    return new BackupView(
        b.id,
        b.targetId,
        b.status,
        b.trigger,
        b.requestedBy,
        b.createdAt,
        b.startedAt,
        b.finishedAt,
        b.phase,
        b.bytesDone,
        b.snapshotAt,
        b.serverVersion,
        b.pgDumpVersion,
        b.objectKey,
        b.storedBytes,
        b.dumpBytes,
        b.dumpSha256,
        b.verifiedAt,
        b.lastVerifiedAt,
        b.held,
        b.holdReason,
        b.incidentId,
        b.error);
  }
}
