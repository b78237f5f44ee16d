package dev.vigil.gateway.checklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.EventJson;
import dev.vigil.common.events.RejectedEventException;
import dev.vigil.common.inbox.EventInbox;
import dev.vigil.gateway.catalogue.ControlCatalogue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Builds the checklist read model from control evaluations: every evaluation goes to the history,
 * and the newest per control is the live state. An evaluation older than the one already held (late
 * or reordered delivery) does not replace it.
 */
@ApplicationScoped
public class ControlEvaluationConsumer {

  static final String CHANNEL = "control-evaluations";

  private final EventInbox inbox;
  private final ControlCatalogue catalogue;

  ControlEvaluationConsumer(EventInbox inbox, ControlCatalogue catalogue) {
    this.inbox = inbox;
    this.catalogue = catalogue;
  }

  @Incoming(CHANNEL)
  Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return inbox.receive("gateway/" + CHANNEL, record, Set.of(ControlEvaluation.TYPE), this::apply);
  }

  private Uni<Void> apply(CloudEvent event) {
    ControlEvaluation evaluation = event.dataAs(ControlEvaluation.class);
    if (catalogue.control(evaluation.controlId()).isEmpty()) {
      throw new RejectedEventException(
          "control " + evaluation.controlId() + " is not in the checklist");
    }
    String evidence = evidence(evaluation);
    return record(event.id(), evaluation, evidence)
        .chain(() -> updateLatest(event.id(), evaluation, evidence));
  }

  private static Uni<ControlHistoryEntry> record(
      String eventId, ControlEvaluation evaluation, String evidence) {
    ControlHistoryEntry entry = new ControlHistoryEntry();
    entry.controlId = evaluation.controlId();
    entry.status = evaluation.status().name();
    entry.evaluatedAt = evaluation.evaluatedAt();
    entry.validUntil = evaluation.validUntil();
    entry.evaluatedBy = evaluation.evaluatedBy();
    entry.evidence = evidence;
    entry.eventId = eventId;
    entry.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
    return entry.persist();
  }

  private static Uni<Void> updateLatest(
      String eventId, ControlEvaluation evaluation, String evidence) {
    return ControlState.<ControlState>findById(evaluation.controlId())
        .chain(
            existing -> {
              if (existing != null && existing.evaluatedAt.isAfter(evaluation.evaluatedAt())) {
                return Uni.createFrom().voidItem();
              }
              ControlState state = existing != null ? existing : new ControlState();
              state.controlId = evaluation.controlId();
              state.status = evaluation.status().name();
              state.evaluatedAt = evaluation.evaluatedAt();
              state.validUntil = evaluation.validUntil();
              state.evaluatedBy = evaluation.evaluatedBy();
              state.evidence = evidence;
              state.eventId = eventId;
              state.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
              return state.persist().replaceWithVoid();
            });
  }

  private static String evidence(ControlEvaluation evaluation) {
    try {
      return EventJson.MAPPER.writeValueAsString(evaluation.evidence());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("evidence of " + evaluation.controlId(), e);
    }
  }
}
