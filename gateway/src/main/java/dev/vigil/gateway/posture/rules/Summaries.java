package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.Severity;
import java.util.List;

/** The wording rules share in their summaries. */
final class Summaries {

  private Summaries() {}

  /** e.g. {@code 3 workloads (7 containers) checked: 2 failures, 1 warning}. */
  static String checked(String what, List<Finding> findings) {
    long failures = findings.stream().filter(f -> f.severity() == Severity.FAIL).count();
    long warnings = findings.size() - failures;
    if (findings.isEmpty()) {
      return what + " checked: no findings";
    }
    return what + " checked: " + plural(failures, "failure") + ", " + plural(warnings, "warning");
  }

  /**
   * e.g. {@code 1 workload}, {@code 2 workloads}, {@code 2 Ingresses}, {@code 0 NetworkPolicies}.
   */
  static String plural(long count, String noun) {
    if (count == 1) {
      return count + " " + noun;
    }
    if (noun.endsWith("s")) {
      return count + " " + noun + "es";
    }
    if (noun.endsWith("y") && !noun.matches(".*[aeiou]y")) {
      return count + " " + noun.substring(0, noun.length() - 1) + "ies";
    }
    return count + " " + noun + "s";
  }
}
