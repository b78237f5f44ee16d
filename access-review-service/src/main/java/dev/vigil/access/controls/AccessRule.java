package dev.vigil.access.controls;

import dev.vigil.access.snapshot.AccessSnapshot;
import java.time.Instant;

/** One access control, evaluated against the current snapshots and the completed reviews. */
public interface AccessRule {

  /** The control ID this rule evaluates, e.g. {@code ACC-01}. */
  String control();

  /**
   * Checks the snapshot.
   *
   * @param now the evaluation time, for inactivity, expiry and review age
   */
  RuleResult check(
      AccessSnapshot snapshot, ReviewHistory reviews, AccessSettings settings, Instant now);
}
