package dev.vigil.common.events.backups;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A recovery (incident step IR-03) ended: a backup restored into a database the operator named.
 * Subject: the target's name.
 *
 * @param restoreId the recovery
 * @param backupId the backup restored
 * @param target the target's name
 * @param database the database it was restored into
 * @param replaced whether it replaced an existing database (kept under a new name)
 * @param outcome SUCCEEDED or FAILED
 * @param differences what validation found, when it failed validation
 * @param reason why it failed, otherwise absent
 * @param durationMs how long it took
 * @param incidentId the incident it serves, when linked
 * @param actor the Entra object ID (or client application) of who asked
 * @param finishedAt when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreCompleted(
    UUID restoreId,
    UUID backupId,
    String target,
    String database,
    boolean replaced,
    String outcome,
    List<String> differences,
    String reason,
    long durationMs,
    String incidentId,
    String actor,
    OffsetDateTime finishedAt)
    implements EventData {

  public static final String TYPE = "dev.vigil.backups.restore-completed.v1";
}
