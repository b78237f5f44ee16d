package dev.vigil.audit.search;

import dev.vigil.audit.ingest.AuditEvents;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.TokenClaims;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reading the audit log is itself audited: every search, verification and export is recorded as an
 * audit event (through the outbox, so it is chained like any other entry).
 */
@ApplicationScoped
public class AuditReads {

  private final SecurityIdentity identity;
  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;

  AuditReads(SecurityIdentity identity, EventFactory events, Outbox outbox, VigilTopics topics) {
    this.identity = identity;
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
  }

  /** Records that the caller read the log; {@code details} name filters, never entry contents. */
  public Uni<Void> record(String action, Map<String, Object> details) {
    String actorId = identity.getPrincipal().getName();
    String actorType = "user";
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      String oid = TokenClaims.text(jwt, "oid");
      actorId = oid != null ? oid : actorId;
      actorType = "app".equals(TokenClaims.text(jwt, "idtyp")) ? "service" : "user";
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(
        "occurredAt",
        OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    data.put(
        "actor",
        Map.of("id", actorId, "type", actorType, "displayName", identity.getPrincipal().getName()));
    data.put("action", action);
    data.put("target", Map.of("type", "audit-log", "id", "audit-log"));
    data.put("outcome", "success");
    data.put("details", details);
    String subject = actorId;
    return Panache.withTransaction(
        () -> outbox.enqueue(topics.audit(), events.create(AuditEvents.RECORDED, subject, data)));
  }
}
