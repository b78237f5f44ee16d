package dev.vigil.backups.controls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A passed restore of every target within a year: BKV-03 counts restore tests and drills, MNT-04
 * (auto+attest: a person attests the rest of the recovery plan at the gateway) counts drills only.
 */
public final class YearlyRestoreRule implements BackupRule {

  private static final Duration YEAR = Duration.ofDays(365);
  private static final Duration FIRST_TEST_WINDOW = Duration.ofDays(8);

  private final String control;
  private final String what;
  private final Predicate<CatalogueSnapshot.RestoreState> counts;

  private YearlyRestoreRule(
      String control, String what, Predicate<CatalogueSnapshot.RestoreState> counts) {
    this.control = control;
    this.what = what;
    this.counts = counts;
  }

  /** BKV-03: a restore tested within the last year. */
  public static YearlyRestoreRule restoreTests() {
    return new YearlyRestoreRule("BKV-03", "restore test", CatalogueSnapshot.RestoreState::isTest);
  }

  /** MNT-04: a disaster-recovery drill within the last year. */
  public static YearlyRestoreRule drills() {
    return new YearlyRestoreRule(
        "MNT-04", "disaster-recovery drill", r -> "DRILL".equals(r.kind()));
  }

  @Override
  public String control() {
    return control;
  }

  @Override
  public RuleOutcome check(CatalogueSnapshot snapshot, OffsetDateTime now) {
    RuleOutcome.Builder result = new RuleOutcome.Builder(control);
    for (CatalogueSnapshot.TargetState target : snapshot.targets()) {
      var passed =
          target.restores().stream()
              .filter(counts)
              .filter(CatalogueSnapshot.RestoreState::passed)
              .filter(r -> r.finishedAt().plus(YEAR).isAfter(now))
              .findFirst();
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("latestPassed", passed.map(r -> r.finishedAt().toString()).orElse(null));
      result.checked(target.name(), facts);
      if (passed.isPresent()) {
        result.reference("restore:" + passed.get().id());
      } else if ("BKV-03".equals(control)
          && target.createdAt().plus(FIRST_TEST_WINDOW).isAfter(now)) {
        result.warn(target.name() + " was registered recently; no " + what + " has passed yet.");
      } else {
        result.fail(target.name() + " has no passed " + what + " within the last year.");
      }
    }
    return result.build("Every target had a passed " + what + " within the last year");
  }
}
