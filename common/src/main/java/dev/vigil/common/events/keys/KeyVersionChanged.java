package dev.vigil.common.events.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;

/**
 * The data of {@code dev.vigil.keys.version-changed.v1}: a key version of an environment's slot was
 * added, promoted, marked compromised or retired. The subject is {@code <environment>/<slot>}.
 * Never carries key material or fingerprints.
 *
 * @param environment the environment's name
 * @param slot the slot's name
 * @param version the version number, from 1
 * @param change {@code ADDED}, {@code PROMOTED}, {@code COMPROMISED} or {@code RETIRED}
 * @param state the version's state after the change, e.g. {@code PRIMARY}
 * @param emergency {@code true} for changes made by an emergency rotation, else {@code null}
 * @param reason the operator's reason, or {@code null}
 * @param actor who asked (the token's {@code oid}, or its {@code azp} for an app token without one;
 *     {@code scheduler} or {@code key-service} for the service itself), or {@code null}
 * @param actorApp the client application ({@code azp}) of the token, or {@code null}
 * @param actorTenant the directory ({@code tid}) of the token, or {@code null}
 * @param occurredAt when it changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyVersionChanged(
    String environment,
    String slot,
    int version,
    String change,
    String state,
    Boolean emergency,
    String reason,
    String actor,
    String actorApp,
    String actorTenant,
    OffsetDateTime occurredAt)
    implements EventData {

  public static final String TYPE = "dev.vigil.keys.version-changed.v1";
}
