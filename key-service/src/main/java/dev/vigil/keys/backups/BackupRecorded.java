package dev.vigil.keys.backups;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Data of {@code dev.vigil.keys.backup-recorded.v1}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupRecorded(
    UUID backupId,
    String environment,
    String change,
    Map<String, Integer> covers,
    String actor,
    OffsetDateTime occurredAt) {}
