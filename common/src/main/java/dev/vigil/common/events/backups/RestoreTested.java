package dev.vigil.common.events.backups;

import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A backup was restored into a scratch database, validated table by table and dropped. Subject: the
 * target's name.
 *
 * @param restoreId the restore test
 * @param backupId the backup restored
 * @param target the target's name
 * @param kind TEST, or DRILL for a disaster-recovery drill
 * @param outcome PASSED or FAILED
 * @param durationMs the achieved recovery time
 * @param dataAgeSeconds the age of the restored data when the restore began (achieved recovery
 *     point)
 * @param rtoMet whether the duration met the target's recovery time objective
 * @param rpoMet whether the data age met the target's recovery point objective
 * @param differences tables and object kinds that did not match the manifest, and failed checks
 * @param finishedAt when
 */
public record RestoreTested(
    UUID restoreId,
    UUID backupId,
    String target,
    String kind,
    String outcome,
    long durationMs,
    long dataAgeSeconds,
    boolean rtoMet,
    boolean rpoMet,
    List<String> differences,
    OffsetDateTime finishedAt)
    implements EventData {

  public static final String TYPE = "dev.vigil.backups.restore-tested.v1";
}
