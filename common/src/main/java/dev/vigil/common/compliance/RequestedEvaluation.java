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

  /**
   * Runs once that transaction committed, for an evaluator that blocks and opens its own sessions
   * (it must not share the consumer's session, which a worker thread would see until then).
   */
  default void afterCommit(EvaluationRequested request) {}
}
