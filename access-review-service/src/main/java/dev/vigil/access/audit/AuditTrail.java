package dev.vigil.access.audit;

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
 * Every change access-review-service makes (sources, snapshots, definitions, campaigns, decisions,
 * containment) is an audit event on {@code vigil.audit}, written through the outbox in the
 * transaction of the change, naming the caller's Entra {@code oid}, {@code azp} and {@code tid}.
 * Needs the caller's transaction.
 */
@ApplicationScoped
public class AuditTrail {

  /** The service acting on its own schedule (campaign expiry, scheduled syncs). */
  public static final Caller SYSTEM =
      new Caller(null, "access-review-service", null, "access-review-service");

  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;

  AuditTrail(Outbox outbox, EventFactory events, VigilTopics topics) {
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
  }

  /**
   * @param action dotted verb, e.g. {@code access.campaign.closed}
   * @param target what was acted on: type ({@code access-campaign}), id and a readable name
   * @param details names and counts, never secrets
   */
  public Uni<Void> record(
      Caller caller, String action, AuditEventRecorded.Target target, Map<String, ?> details) {
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
            "success",
            null,
            null,
            caller.tenant(),
            null,
            EventJson.MAPPER.valueToTree(withCaller));
    return outbox.enqueue(topics.audit(), events.create(caller.id(), event));
  }

  public static AuditEventRecorded.Target target(String type, Object id, String name) {
    return new AuditEventRecorded.Target(type, String.valueOf(id), name);
  }

  private static String actorType(Caller caller) {
    if (caller == SYSTEM) {
      return "system";
    }
    return caller.oid() == null ? "service" : "user";
  }
}
