package dev.vigil.common.compliance;

import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Emits control evaluations through this service's outbox, keyed by control ID so each control's
 * evaluations stay ordered. Call it inside the transaction that changed the evaluated state.
 */
@ApplicationScoped
public class ComplianceReporter {

  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;

  ComplianceReporter(EventFactory events, Outbox outbox, VigilTopics topics) {
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
  }

  public Uni<Void> report(ControlEvaluation evaluation) {
    return outbox.enqueue(
        topics.compliance(),
        events.create(ControlEvaluation.TYPE, evaluation.controlId(), evaluation));
  }
}
