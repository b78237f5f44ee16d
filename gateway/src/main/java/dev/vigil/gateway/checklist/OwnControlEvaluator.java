package dev.vigil.gateway.checklist;

import dev.vigil.common.compliance.ControlEvaluation;
import java.util.List;

/**
 * Something in the gateway that evaluates controls it owns (Entra ID SSO, cluster posture). It
 * blocks (it calls Entra ID or the Kubernetes API), so call it from a worker thread.
 */
public interface OwnControlEvaluator {

  List<ControlEvaluation> evaluateNow();
}
