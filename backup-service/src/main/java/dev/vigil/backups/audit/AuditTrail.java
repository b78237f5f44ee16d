package dev.vigil.backups.audit;

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
 * Every change backup-service makes is an audit event on {@code vigil.audit}, written through the
 * outbox in the transaction of the change, naming the caller's Entra {@code oid}, {@code azp} and
 * {@code tid}. Needs the caller's transaction.
 */
@ApplicationScoped
public class AuditTrail {

  /** The service acting on its own schedule (retention, for example). */
  public static final Caller SYSTEM = new Caller(null, "backup-service", null, "backup-service");

  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;

  AuditTrail(Outbox outbox, EventFactory events, VigilTopics topics) {
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
  }

  /**
   * @param action dotted verb, e.g. {@code backup.target.created}
   * @param targetType what was acted on, e.g. {@code backup-target}
   * @param details names and counts, never secrets
   */
  public Uni<Void> record(
      Caller caller,
      String action,
      String outcome,
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
            new AuditEventRecorded.Actor(caller.id(), actorType(caller), caller.name()),
            action,
            new AuditEventRecorded.Target(targetType, targetId, targetName),
            outcome,
            null,
            null,
            caller.tenant(),
            null,
            EventJson.MAPPER.valueToTree(withCaller));
    return outbox.enqueue(topics.audit(), events.create(caller.id(), event));
  }

  private static String actorType(Caller caller) {
    if (caller == SYSTEM) {
      return "system";
    }
    return caller.oid() == null ? "service" : "user";
  }
}
