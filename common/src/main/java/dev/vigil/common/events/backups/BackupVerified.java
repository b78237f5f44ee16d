package dev.vigil.common.events.backups;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A stored backup was read back again (bit-rot check). Subject: the target's name.
 *
 * @param backupId the backup
 * @param target the target's name
 * @param outcome VALID, or BAD when the object no longer matches its checksum or does not decrypt
 * @param reason what failed, when BAD
 * @param verifiedAt when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupVerified(
    UUID backupId, String target, String outcome, String reason, OffsetDateTime verifiedAt)
    implements EventData {

  public static final String TYPE = "dev.vigil.backups.backup-verified.v1";
}
