package dev.vigil.common.audit;

import dev.vigil.common.correlation.CorrelationId;
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
 * Every change a service makes is an audit event on {@code vigil.audit}, written through the outbox
 * in the transaction of the change, naming the caller's Entra {@code oid}, {@code azp} and {@code
 * tid} (the identity the gateway records for the call) and the call's correlation ID. Needs the
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

  /** What was acted on: a type such as {@code backup-target}, its id and a readable name. */
  public static AuditEventRecorded.Target target(String type, Object id, String name) {
    return new AuditEventRecorded.Target(type, id == null ? null : String.valueOf(id), name);
  }

  /** A change that succeeded. */
  public Uni<Void> record(
      Caller caller, String action, AuditEventRecorded.Target target, Map<String, ?> details) {
    return record(caller, action, "success", target, details);
  }

  /**
   * @param action dotted verb, e.g. {@code backup.target.created}
   * @param outcome {@code success}, or what stopped it
   * @param details names and counts, never secrets or entry contents
   */
  public Uni<Void> record(
      Caller caller,
      String action,
      String outcome,
      AuditEventRecorded.Target target,
      Map<String, ?> details) {
    Map<String, Object> withCaller = new LinkedHashMap<>(details);
    withCaller.put("oid", caller.oid());
    withCaller.put("azp", caller.azp());
    withCaller.put("tid", caller.tenant());
    AuditEventRecorded event =
        new AuditEventRecorded(
            OffsetDateTime.now(ZoneOffset.UTC),
            new AuditEventRecorded.Actor(caller.id(), actorType(caller), caller.name()),
            action,
            target,
            outcome,
            null,
            null,
            caller.tenant(),
            CorrelationId.current(),
            EventJson.MAPPER.valueToTree(withCaller));
    return outbox.enqueue(topics.audit(), events.create(caller.id(), event));
  }

  private static String actorType(Caller caller) {
    if (caller.isSystem()) {
      return "system";
    }
    return caller.oid() == null ? "service" : "user";
  }
}
