package dev.vigil.gateway.checklist;

import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.RequestedEvaluation;
import dev.vigil.common.events.checklist.EvaluationRequested;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Re-evaluates every control the gateway owns now and reports each result, changed or not, so the
 * history shows a fresh evaluation (after an incident closes, for instance).
 */
@ApplicationScoped
public class Reevaluation implements RequestedEvaluation {

  private static final Logger LOG = Logger.getLogger(Reevaluation.class);

  private final Instance<OwnControlEvaluator> evaluators;
  private final ComplianceReporter reporter;

  Reevaluation(Instance<OwnControlEvaluator> evaluators, ComplianceReporter reporter) {
    this.evaluators = evaluators;
    this.reporter = reporter;
  }

  /** Starts the re-evaluation on a worker thread and returns at once. */
  public void start(String reason) {
    Infrastructure.getDefaultWorkerPool().execute(() -> run(reason));
  }

  private void run(String reason) {
    try {
      List<ControlEvaluation> evaluations = new ArrayList<>();
      for (OwnControlEvaluator evaluator : evaluators) {
        try {
          evaluations.addAll(evaluator.evaluateNow());
        } catch (RuntimeException e) {
          // One failing evaluator (the cluster unreachable, say) must not stop the others.
          LOG.warnf(
              "%s could not evaluate (%s): %s",
              evaluator.getClass().getSimpleName(), reason, e.toString());
        }
      }
      VertxContextSupport.subscribeAndAwait(
          () ->
              Panache.withTransaction(
                  () ->
                      Multi.createFrom()
                          .iterable(evaluations)
                          .onItem()
                          .transformToUniAndConcatenate(e -> reporter.report(e))
                          .collect()
                          .last()));
      LOG.infof("Re-evaluated %d gateway controls (%s)", evaluations.size(), reason);
    } catch (Throwable e) {
      LOG.errorf("Re-evaluation of the gateway's controls (%s) failed: %s", reason, e.toString());
    }
  }

  /**
   * The gateway's evaluators block on Entra ID and the cluster: nothing to do in the transaction.
   */
  @Override
  public Uni<Void> reevaluate(EvaluationRequested request) {
    return Uni.createFrom().voidItem();
  }

  /** Asked for by an evaluation request: runs on a worker thread, each result reported. */
  @Override
  public void afterCommit(EvaluationRequested request) {
    start("request " + request.requestId() + ", " + request.reason());
  }
}
