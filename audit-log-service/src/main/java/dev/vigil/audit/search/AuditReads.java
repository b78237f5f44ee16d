package dev.vigil.audit.search;

import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.EventJson;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.events.audit.AuditEventRecorded.Actor;
import dev.vigil.common.events.audit.AuditEventRecorded.Target;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.TokenClaims;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    AuditEventRecorded data =
        new AuditEventRecorded(
            OffsetDateTime.now(ZoneOffset.UTC),
            new Actor(actorId, actorType, identity.getPrincipal().getName()),
            action,
            new Target("audit-log", "audit-log", null),
            "success",
            null,
            null,
            null,
            null,
            EventJson.MAPPER.valueToTree(details));
    String subject = actorId;
    return Panache.withTransaction(
        () -> outbox.enqueue(topics.audit(), events.create(subject, data)));
  }
}
