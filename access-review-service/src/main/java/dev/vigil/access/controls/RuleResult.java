package dev.vigil.access.controls;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's verdict with the evidence that decided it: accounts and keys by id and name, never
 * secrets.
 */
public record RuleResult(String control, ControlStatus status, Evidence evidence) {

  public RuleResult {
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evidence, "evidence");
  }

  /** No data to decide on, and why. */
  public static RuleResult unknown(String control, String reason) {
    return new RuleResult(
        control, ControlStatus.UNKNOWN, new Evidence(reason, Map.of(), List.of()));
  }

  public static RuleResult of(
      String control, ControlStatus status, String summary, Map<String, Object> facts) {
    return new RuleResult(control, status, new Evidence(summary, facts, List.of()));
  }
}
