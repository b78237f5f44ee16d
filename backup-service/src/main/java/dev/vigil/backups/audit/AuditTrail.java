package dev.vigil.backups.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Every change backup-service makes is an audit event on {@code vigil.audit}, written through the
 * outbox in the transaction of the change, naming the caller's Entra {@code oid}, {@code azp} and
 * {@code tid}. Needs the caller's transaction.
 */
@ApplicationScoped
public class AuditTrail {

  /** The scheduler acting on its own. */
  public static final Caller SYSTEM = new Caller("backup-service", null, null, "backup-service");

  private static final String TYPE = "dev.vigil.audit.event-recorded.v1";

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
   * @param targetId its id
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
    Map<String, Object> withCaller = new java.util.LinkedHashMap<>(details);
    withCaller.put("oid", caller.oid());
    withCaller.put("azp", caller.azp());
    withCaller.put("tid", caller.tenant());
    Data data =
        new Data(
            OffsetDateTime.now(ZoneOffset.UTC),
            new Actor(caller.id(), caller == SYSTEM ? "system" : actorType(caller), caller.name()),
            action,
            new Target(targetType, targetId, targetName),
            outcome,
            withCaller);
    return outbox.enqueue(topics.audit(), events.create(TYPE, caller.id(), data));
  }

  private static String actorType(Caller caller) {
    return caller.oid() == null ? "service" : "user";
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Data(
      OffsetDateTime occurredAt,
      Actor actor,
      String action,
      Target target,
      String outcome,
      Map<String, Object> details) {}

  record Actor(String id, String type, String displayName) {}

  record Target(String type, String id, String name) {}
}
