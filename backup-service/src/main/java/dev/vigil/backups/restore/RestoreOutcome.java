package dev.vigil.backups.restore;

import java.util.List;

/**
 * What a restore proved.
 *
 * @param differences tables and object kinds that differ from the manifest
 * @param checks the target's validation checks
 * @param failure why the restore itself failed, or null
 */
public record RestoreOutcome(
    List<String> differences, List<CheckResult> checks, String failure, long durationMs) {

  /** The same outcome, with the restore's whole duration. */
  RestoreOutcome took(long durationMs) {
    return new RestoreOutcome(differences, checks, failure, durationMs);
  }

  public boolean passed() {
    return failure == null
        && differences.isEmpty()
        && checks.stream().allMatch(CheckResult::passed);
  }

  /** Differences and failed checks, as one list for events and evidence. */
  public List<String> problems() {
    java.util.ArrayList<String> problems = new java.util.ArrayList<>(differences);
    checks.stream()
        .filter(c -> !c.passed())
        .forEach(
            c ->
                problems.add(
                    "check '"
                        + c.name()
                        + "': expected "
                        + c.expected()
                        + ", got "
                        + (c.error() != null ? c.error() : c.actual())));
    if (failure != null) {
      problems.add(0, failure);
    }
    return List.copyOf(problems);
  }
}
