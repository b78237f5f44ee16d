package dev.vigil.common.events.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The data of {@code dev.vigil.keys.backup-recorded.v1}: an offline key backup of an environment
 * was exported, verified or restored. The subject is the environment. Names versions only, never
 * key material.
 *
 * @param backupId the backup's id
 * @param environment the environment's name
 * @param change {@code EXPORTED}, {@code VERIFIED} or {@code RESTORED}
 * @param covers per slot, the newest version the bundle holds
 * @param actor who did it (the token's {@code oid}, or its {@code azp} for an app token without
 *     one), or {@code null}
 * @param actorApp the client application ({@code azp}) of the token, or {@code null}
 * @param actorTenant the directory ({@code tid}) of the token, or {@code null}
 * @param occurredAt when it happened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyBackupRecorded(
    UUID backupId,
    String environment,
    String change,
    Map<String, Integer> covers,
    String actor,
    String actorApp,
    String actorTenant,
    OffsetDateTime occurredAt)
    implements EventData {

  public static final String TYPE = "dev.vigil.keys.backup-recorded.v1";
}
