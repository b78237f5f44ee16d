package dev.vigil.common.compliance;

import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The data of {@code dev.vigil.compliance.control-evaluated.v1}: one control's status at one time,
 * with the evidence that decided it.
 *
 * @param controlId an ID from the checklist, e.g. {@code DB-03}
 * @param status the result
 * @param evaluatedAt when the evidence was checked
 * @param validUntil after this the status counts as {@code UNKNOWN} unless re-evaluated
 * @param evaluatedBy the evaluating service, e.g. {@code backup-service}
 * @param evidence what decided it
 */
public record ControlEvaluation(
    String controlId,
    ControlStatus status,
    OffsetDateTime evaluatedAt,
    OffsetDateTime validUntil,
    String evaluatedBy,
    Evidence evidence)
    implements EventData {

  public static final String TYPE = "dev.vigil.compliance.control-evaluated.v1";

  public ControlEvaluation {
    Objects.requireNonNull(controlId, "controlId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    Objects.requireNonNull(validUntil, "validUntil");
    Objects.requireNonNull(evaluatedBy, "evaluatedBy");
    Objects.requireNonNull(evidence, "evidence");
    if (!validUntil.isAfter(evaluatedAt)) {
      throw new IllegalArgumentException("validUntil must be after evaluatedAt");
    }
  }
}
