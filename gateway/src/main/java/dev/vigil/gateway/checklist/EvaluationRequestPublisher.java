package dev.vigil.gateway.checklist;

import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks every service to re-evaluate its controls: an {@code evaluation-requested} event on {@code
 * vigil.compliance-requests} and its audit event, both through the outbox in the caller's
 * transaction. The gateway consumes the request too, for its own controls.
 */
@ApplicationScoped
public class EvaluationRequestPublisher {

  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;
  private final AuditTrail audit;

  EvaluationRequestPublisher(
      Outbox outbox, EventFactory events, VigilTopics topics, AuditTrail audit) {
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
    this.audit = audit;
  }

  /**
   * @param reason {@code api} or {@code incident-closed:<incident id>}
   * @param controls only these controls are refreshed even if unchanged; empty for all
   * @param services only these services re-evaluate; empty for all
   * @return the request as published
   */
  public Uni<EvaluationRequested> request(
      Caller caller, String reason, List<String> controls, List<String> services) {
    String requestId = UUID.randomUUID().toString();
    EvaluationRequested request =
        new EvaluationRequested(
            requestId,
            reason,
            EvaluationRequested.Requester.of(caller),
            OffsetDateTime.now(ZoneOffset.UTC),
            controls,
            services);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", reason);
    details.put("controls", request.controls());
    details.put("services", request.services());
    return outbox
        .enqueue(topics.complianceRequests(), events.createWithId(requestId, requestId, request))
        .chain(
            () ->
                audit.record(
                    caller,
                    "checklist.evaluation.requested",
                    AuditTrail.target("evaluation-request", requestId, reason),
                    details))
        .replaceWith(request);
  }
}
