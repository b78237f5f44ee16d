package dev.vigil.common.compliance;

import dev.vigil.common.events.checklist.EvaluationRequested;
import io.smallrye.mutiny.Uni;

/**
 * Something in a service that evaluates controls it owns and can do so when asked ({@link
 * EvaluationRequests}). It reports through {@link ComplianceReporter}, whose controls the request
 * has already made due, so {@code reportIfChanged} sends every result.
 */
public interface RequestedEvaluation {

  /** Evaluates and reports; runs inside the transaction that marks the request processed. */
  Uni<Void> reevaluate(EvaluationRequested request);
}
