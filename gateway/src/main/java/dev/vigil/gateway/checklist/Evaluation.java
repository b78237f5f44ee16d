package dev.vigil.gateway.checklist;

import java.time.OffsetDateTime;

/** A control evaluation as the checklist uses it, from the live state or from history. */
record Evaluation(
    String controlId,
    String status,
    OffsetDateTime evaluatedAt,
    OffsetDateTime validUntil,
    String evaluatedBy,
    String evidence) {

  static Evaluation of(ControlState state) {
    return new Evaluation(
        state.controlId,
        state.status,
        state.evaluatedAt,
        state.validUntil,
        state.evaluatedBy,
        state.evidence);
  }
}
