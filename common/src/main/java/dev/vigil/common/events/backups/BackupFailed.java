package dev.vigil.common.events.backups;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A backup did not complete, or a scheduled one never ran (phase SCHEDULE, no backup id). Nothing
 * of it counts. Subject: the target's name.
 *
 * @param backupId the failed backup; absent for a missed schedule
 * @param target the target's name
 * @param phase CONNECTING, DUMPING, STORING, VERIFYING, INTERRUPTED or SCHEDULE
 * @param reason why, naming objects and versions, never credentials
 * @param occurredAt when it was found
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupFailed(
    UUID backupId, String target, String phase, String reason, OffsetDateTime occurredAt)
    implements EventData {

  public static final String TYPE = "dev.vigil.backups.backup-failed.v1";
}
