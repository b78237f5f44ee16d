package dev.vigil.gateway.checklist;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.attestations.Attestation;
import dev.vigil.gateway.catalogue.ControlDefinition;
import java.time.OffsetDateTime;

/**
 * Decides a control's checklist status from its latest evaluation and its attestation. A failing,
 * warning, stale or UNKNOWN evaluation always shows: an attestation confirms what software cannot
 * check, it never overrides what software found (or no longer finds).
 */
final class ControlStatusResolver {

  /**
   * @param status what the checklist shows
   * @param automatedStatus what the evaluating service reported (UNKNOWN when absent or stale)
   * @param stale the last evaluation is past its valid-until
   * @param attestationNeeded an attestable control without a current attestation
   */
  record Resolution(
      ControlStatus status,
      ControlStatus automatedStatus,
      boolean stale,
      boolean attestationNeeded) {}

  private ControlStatusResolver() {}

  static Resolution resolve(
      ControlDefinition control,
      Evaluation evaluation,
      Attestation attestation,
      OffsetDateTime at) {
    boolean stale = evaluation != null && !evaluation.validUntil().isAfter(at);
    ControlStatus automated =
        evaluation == null || stale
            ? ControlStatus.UNKNOWN
            : ControlStatus.valueOf(evaluation.status());
    boolean attested = attestation != null && control.attestable();
    ControlStatus status;
    if (!control.attestable()) {
      status = automated;
    } else if (automated == ControlStatus.FAIL || automated == ControlStatus.WARN) {
      status = automated;
    } else if (attested && (automated == ControlStatus.PASS || evaluation == null)) {
      // Never evaluated counts (an attest part may stand alone); stale or UNKNOWN evidence does
      // not: a person cannot confirm what software has stopped seeing.
      status = ControlStatus.ATTESTED;
    } else {
      status = automated;
    }
    return new Resolution(status, automated, stale, control.attestable() && !attested);
  }
}
