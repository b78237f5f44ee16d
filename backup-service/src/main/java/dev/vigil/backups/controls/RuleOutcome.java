package dev.vigil.backups.controls;

import dev.vigil.common.compliance.ControlStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link BackupRule}: a status and what decided it, per target.
 *
 * @param findings one sentence per target that is not fine, naming it
 * @param facts what was checked, per target
 */
public record RuleOutcome(
    String control,
    ControlStatus status,
    String summary,
    List<String> findings,
    Map<String, Object> facts,
    List<String> references) {

  public RuleOutcome {
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(summary, "summary");
    if (status == ControlStatus.ATTESTED) {
      throw new IllegalArgumentException("rules never attest");
    }
    findings = List.copyOf(findings);
    facts = new LinkedHashMap<>(facts);
    references = List.copyOf(references);
  }

  /** No data to decide on; the summary says what is missing. */
  static RuleOutcome unknown(String control, String summary) {
    return new RuleOutcome(control, ControlStatus.UNKNOWN, summary, List.of(), Map.of(), List.of());
  }

  /** Collects per-target results: FAIL beats WARN beats PASS. */
  static final class Builder {
    private final String control;
    private final List<String> fails = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<String> references = new ArrayList<>();
    private int checked;

    Builder(String control) {
      this.control = control;
    }

    Builder checked(String target, Map<String, Object> targetFacts) {
      checked++;
      facts.put(target, targetFacts);
      return this;
    }

    Builder fail(String finding) {
      fails.add(finding);
      return this;
    }

    Builder warn(String finding) {
      warnings.add(finding);
      return this;
    }

    Builder reference(String reference) {
      references.add(reference);
      return this;
    }

    RuleOutcome build(String whatPasses) {
      if (checked == 0) {
        return unknown(
            control, "no enabled backup target is registered and no CloudNativePG cluster is seen");
      }
      List<String> findings = new ArrayList<>(fails);
      findings.addAll(warnings);
      ControlStatus status =
          !fails.isEmpty()
              ? ControlStatus.FAIL
              : !warnings.isEmpty() ? ControlStatus.WARN : ControlStatus.PASS;
      String summary =
          findings.isEmpty()
              ? whatPasses + " (" + checked + (checked == 1 ? " target)" : " targets)")
              : String.join(" ", findings);
      return new RuleOutcome(control, status, summary, findings, facts, references);
    }
  }
}
