package dev.vigil.gateway.posture;

import java.time.Instant;

/** One cluster posture control, evaluated against a snapshot of Kubernetes objects. */
public interface PostureRule {

  /** The control ID this rule evaluates, e.g. {@code CON-01}. */
  String control();

  /**
   * Checks the snapshot.
   *
   * @param now the evaluation time, for certificate expiry and image age
   */
  RuleResult check(ClusterSnapshot snapshot, PostureSettings settings, Instant now);
}
