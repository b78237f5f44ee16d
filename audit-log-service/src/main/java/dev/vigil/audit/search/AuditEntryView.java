package dev.vigil.audit.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.vigil.audit.chain.AuditEntry;
import dev.vigil.audit.verify.Submitter;
import java.time.OffsetDateTime;

/**
 * An audit entry as the API returns it. {@code submittedBy} is who posted it over HTTP, as
 * authenticated, whatever actor the event names (absent for events from Kafka).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntryView(
    long sequence,
    String id,
    String source,
    OffsetDateTime occurredAt,
    OffsetDateTime receivedAt,
    Actor actor,
    String action,
    Target target,
    String outcome,
    String sourceAddress,
    String userAgent,
    String organization,
    String correlationId,
    Submitter submittedBy,
    @JsonRawValue String details) {

  public record Actor(String id, String type, String displayName) {}

  public record Target(String type, String id, String name) {}

  static AuditEntryView of(AuditEntry e) {
    Target target =
        e.targetType == null && e.targetId == null
            ? null
            : new Target(e.targetType, e.targetId, e.targetName);
    return new AuditEntryView(
        e.id,
        e.eventId,
        e.eventSource,
        e.occurredAt,
        e.receivedAt,
        new Actor(e.actorId, e.actorType, e.actorDisplayName),
        e.action,
        target,
        e.outcome,
        e.sourceAddress,
        e.userAgent,
        e.organization,
        e.correlationId,
        Submitter.fromSource(e.eventSource),
        e.details);
  }
}
