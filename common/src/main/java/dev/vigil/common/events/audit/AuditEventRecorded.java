package dev.vigil.common.events.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;

/**
 * The data of {@code dev.vigil.audit.event-recorded.v1}: something a person or a machine did on the
 * platform or in Vigil. The subject is the actor id.
 *
 * @param occurredAt when it happened; may be earlier than delivery
 * @param actor who did it
 * @param action a dotted verb, e.g. {@code auth.signin.failed}
 * @param target what it was done to, or {@code null}
 * @param outcome {@code success}, {@code failure}, {@code denied} or {@code error}
 * @param sourceAddress the caller's IPv4 or IPv6 address, or {@code null}
 * @param userAgent the caller's user agent, or {@code null}
 * @param organization the tenant or organisation, or {@code null}
 * @param correlationId the request's correlation ID, or {@code null}
 * @param details free-form context (never secrets), a JSON object or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEventRecorded(
    OffsetDateTime occurredAt,
    Actor actor,
    String action,
    Target target,
    String outcome,
    String sourceAddress,
    String userAgent,
    String organization,
    String correlationId,
    JsonNode details)
    implements EventData {

  public static final String TYPE = "dev.vigil.audit.event-recorded.v1";

  public AuditEventRecorded {
    // A JSON tree rather than a map: the chain hashes details as they were sent, numbers included.
    // Jackson hands an explicit JSON null to a JsonNode as NullNode; absent and null are one here.
    details = details == null || details.isNull() ? null : details;
  }

  /**
   * Who did it.
   *
   * @param id a stable id, e.g. the Entra object id
   * @param type {@code user}, {@code service}, {@code system} or {@code anonymous}
   * @param displayName a name for people, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Actor(String id, String type, String displayName) {}

  /**
   * What it was done to.
   *
   * @param type the kind of object, e.g. {@code api} or {@code audit-chain}
   * @param id its id
   * @param name a name for people, or {@code null}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(String type, String id, String name) {}
}
