package dev.vigil.common.events.backups;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A backup was stored and verified (read back, checksummed, decrypted, listed by pg_restore): it
 * counts from now on. Subject: the target's name.
 *
 * @param backupId the backup
 * @param target the target's name
 * @param trigger SCHEDULED or ON_DEMAND
 * @param snapshotAt the time of the data it holds
 * @param durationMs from start to verified
 * @param dumpBytes size of the pg_dump archive
 * @param storedBytes size of the encrypted object
 * @param dumpSha256 SHA-256 of the archive, hex
 * @param storage the storage backend
 * @param objectKey where in the storage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupCompleted(
    UUID backupId,
    String target,
    String trigger,
    OffsetDateTime snapshotAt,
    long durationMs,
    long dumpBytes,
    long storedBytes,
    String dumpSha256,
    String storage,
    String objectKey)
    implements EventData {

  public static final String TYPE = "dev.vigil.backups.backup-completed.v1";
}
