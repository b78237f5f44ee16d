package dev.vigil.common.events.backups;

import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A restore (test, drill or recovery) moved to its next phase. Subject: the target's name.
 *
 * @param restoreId the restore
 * @param target the target's name
 * @param phase DOWNLOADING, RESTORING, VALIDATING or SWITCHING (a replacing recovery)
 * @param at when
 */
public record RestoreProgressed(UUID restoreId, String target, String phase, OffsetDateTime at)
    implements EventData {

  public static final String TYPE = "dev.vigil.backups.restore-progressed.v1";
}
