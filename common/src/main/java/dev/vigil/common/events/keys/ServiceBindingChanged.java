package dev.vigil.common.events.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;

/**
 * The data of {@code dev.vigil.keys.service-binding-changed.v1}: a service principal was bound to
 * an environment (it may now use that environment's transit keys and vault) or unbound. The subject
 * is the environment's name.
 *
 * @param environment the environment's name
 * @param tenantId the service principal's directory ({@code tid})
 * @param objectId the service principal's Entra ID object ID ({@code oid})
 * @param change {@code BOUND} or {@code UNBOUND}
 * @param note the admin's note, or {@code null}
 * @param actor the Entra object ID ({@code oid}) of the admin who changed it
 * @param actorApp the client application ({@code azp}) the admin's token was issued to, or {@code
 *     null}
 * @param actorTenant the admin's directory ({@code tid})
 * @param occurredAt when it changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceBindingChanged(
    String environment,
    String tenantId,
    String objectId,
    String change,
    String note,
    String actor,
    String actorApp,
    String actorTenant,
    OffsetDateTime occurredAt)
    implements EventData {

  public static final String TYPE = "dev.vigil.keys.service-binding-changed.v1";
}
