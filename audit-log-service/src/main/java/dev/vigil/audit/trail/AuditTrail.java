package dev.vigil.audit.trail;

import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.EventJson;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every change audit-log-service makes, and every read of the log, is an audit event on {@code
 * vigil.audit}, written through the outbox in the transaction of the change and naming the caller's
 * Entra {@code oid}, {@code azp} and {@code tid} (the same identity the gateway records). Needs the
 * caller's transaction.
 */
@ApplicationScoped
public class AuditTrail {

  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;

  AuditTrail(Outbox outbox, EventFactory events, VigilTopics topics) {
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
  }

  /**
   * @param action dotted verb, e.g. {@code audit.legal-hold.released}
   * @param targetType what was acted on, e.g. {@code legal-hold}
   * @param details names and values for people, never secrets or entry contents
   */
  public Uni<Void> record(
      Caller caller,
      String action,
      String targetType,
      String targetId,
      String targetName,
      Map<String, Object> details) {
    Map<String, Object> withCaller = new LinkedHashMap<>(details);
    withCaller.put("oid", caller.oid());
    withCaller.put("azp", caller.azp());
    withCaller.put("tid", caller.tenant());
    AuditEventRecorded event =
        new AuditEventRecorded(
            OffsetDateTime.now(ZoneOffset.UTC),
            new AuditEventRecorded.Actor(
                caller.id(), caller.oid() == null ? "service" : "user", caller.name()),
            action,
            new AuditEventRecorded.Target(targetType, targetId, targetName),
            "success",
            null,
            null,
            caller.tenant(),
            null,
            EventJson.MAPPER.valueToTree(withCaller));
    return outbox.enqueue(topics.audit(), events.create(caller.id(), event));
  }
}
