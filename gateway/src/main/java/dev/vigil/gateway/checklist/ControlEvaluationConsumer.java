package dev.vigil.gateway.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.RejectedEventException;
import dev.vigil.common.inbox.EventInbox;
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
    JsonNode data = event.data();
    String controlId = data.get("controlId").asText();
    if (catalogue.control(controlId).isEmpty()) {
      throw new RejectedEventException("control " + controlId + " is not in the checklist");
    }
    OffsetDateTime evaluatedAt = OffsetDateTime.parse(data.get("evaluatedAt").asText());
    return record(event, controlId, evaluatedAt)
        .chain(() -> updateLatest(event, controlId, evaluatedAt));
  }

  private static Uni<ControlHistoryEntry> record(
      CloudEvent event, String controlId, OffsetDateTime evaluatedAt) {
    JsonNode data = event.data();
    ControlHistoryEntry entry = new ControlHistoryEntry();
    entry.controlId = controlId;
    entry.status = data.get("status").asText();
    entry.evaluatedAt = evaluatedAt;
    entry.validUntil = OffsetDateTime.parse(data.get("validUntil").asText());
    entry.evaluatedBy = data.get("evaluatedBy").asText();
    entry.evidence = data.get("evidence").toString();
    entry.eventId = event.id();
    entry.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
    return entry.persist();
  }

  private static Uni<Void> updateLatest(
      CloudEvent event, String controlId, OffsetDateTime evaluatedAt) {
    JsonNode data = event.data();
    return ControlState.<ControlState>findById(controlId)
        .chain(
            existing -> {
              if (existing != null && existing.evaluatedAt.isAfter(evaluatedAt)) {
                return Uni.createFrom().voidItem();
              }
              ControlState state = existing != null ? existing : new ControlState();
              state.controlId = controlId;
              state.status = data.get("status").asText();
              state.evaluatedAt = evaluatedAt;
              state.validUntil = OffsetDateTime.parse(data.get("validUntil").asText());
              state.evaluatedBy = data.get("evaluatedBy").asText();
              state.evidence = data.get("evidence").toString();
              state.eventId = event.id();
              state.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
              return state.persist().replaceWithVoid();
            });
  }
}
