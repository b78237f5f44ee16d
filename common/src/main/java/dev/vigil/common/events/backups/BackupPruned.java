package dev.vigil.common.events.backups;

import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Retention deleted a backup that its target's policy no longer keeps. Subject: the target's name.
 *
 * @param backupId the deleted backup
 * @param target the target's name
 * @param snapshotAt the time of the data it held
 * @param policy the policy it was deleted under, e.g. {@code hourly=24 daily=7 ... minimum=3}
 * @param prunedAt when
 */
public record BackupPruned(
    UUID backupId, String target, OffsetDateTime snapshotAt, String policy, OffsetDateTime prunedAt)
    implements EventData {

  public static final String TYPE = "dev.vigil.backups.backup-pruned.v1";
}
