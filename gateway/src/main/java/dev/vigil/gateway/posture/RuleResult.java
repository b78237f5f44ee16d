package dev.vigil.gateway.posture;

import dev.vigil.common.compliance.ControlStatus;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of one {@link PostureRule}.
 *
 * @param control the control ID
 * @param status {@code PASS}, {@code FAIL}, {@code WARN} or {@code UNKNOWN}; never {@code
 *     ATTESTED}, which only people give
 * @param objectsChecked how many Kubernetes objects the rule examined
 * @param findings what is wrong, in {@link Finding#ORDER}
 * @param summary one or two sentences for the checklist: what was checked, or what was missing
 */
public record RuleResult(
    String control,
    ControlStatus status,
    int objectsChecked,
    List<Finding> findings,
    String summary) {

  private static final Set<ControlStatus> STATUSES =
      Set.of(ControlStatus.PASS, ControlStatus.FAIL, ControlStatus.WARN, ControlStatus.UNKNOWN);

  public RuleResult {
    Objects.requireNonNull(control, "control");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("unknown status " + status);
    }
    findings = findings.stream().sorted(Finding.ORDER).toList();
    Objects.requireNonNull(summary, "summary");
  }

  /**
   * A result whose status follows from its findings, see {@link #statusOf(List, int)}.
   *
   * <p>Duplicate findings (the same object, field and message reached twice) are reported once.
   */
  public static RuleResult of(
      String control, int objectsChecked, List<Finding> findings, String summary) {
    List<Finding> distinct = findings.stream().distinct().toList();
    return new RuleResult(
        control, statusOf(distinct, objectsChecked), objectsChecked, distinct, summary);
  }

  /** A result for a rule that found nothing to check; the summary says what was missing. */
  public static RuleResult unknown(String control, String summary) {
    return new RuleResult(control, ControlStatus.UNKNOWN, 0, List.of(), summary);
  }

  /**
   * FAIL if any finding fails, else WARN if any warns, else PASS if anything was checked, else
   * UNKNOWN.
   */
  public static ControlStatus statusOf(List<Finding> findings, int objectsChecked) {
    if (findings.stream().anyMatch(finding -> finding.severity() == Severity.FAIL)) {
      return ControlStatus.FAIL;
    }
    if (!findings.isEmpty()) {
      return ControlStatus.WARN;
    }
    return objectsChecked > 0 ? ControlStatus.PASS : ControlStatus.UNKNOWN;
  }
}
