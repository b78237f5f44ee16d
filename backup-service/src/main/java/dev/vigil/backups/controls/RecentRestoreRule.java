package dev.vigil.backups.controls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DB-04: a restore of a recent backup was tested and succeeded: each target's latest restore test
 * passed, within its restore-test interval plus a day, and the data it restored was no older than
 * that interval when the test began.
 */
public final class RecentRestoreRule implements BackupRule {

  static final String CONTROL = "DB-04";
  private static final Duration SLACK = Duration.ofDays(1);

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleOutcome check(CatalogueSnapshot snapshot, OffsetDateTime now) {
    RuleOutcome.Builder result = new RuleOutcome.Builder(CONTROL);
    for (CatalogueSnapshot.TargetState target : snapshot.targets()) {
      Duration interval = Schedules.interval(target.restoreTestSchedule(), now).plus(SLACK);
      var latest =
          target.restores().stream().filter(CatalogueSnapshot.RestoreState::isTest).findFirst();
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("restoreTestSchedule", target.restoreTestSchedule());
      facts.put("latestTest", latest.map(r -> r.status() + " " + r.finishedAt()).orElse(null));
      result.checked(target.name(), facts);
      if (latest.isEmpty()) {
        if (target.createdAt().plus(interval).isBefore(now)) {
          result.fail(target.name() + " has never had a restore test.");
        } else {
          result.warn(
              target.name() + " was registered recently; its first restore test is pending.");
        }
        continue;
      }
      CatalogueSnapshot.RestoreState test = latest.get();
      result.reference("restore:" + test.id());
      facts.put("durationMs", test.durationMs());
      facts.put("dataAgeSeconds", test.dataAgeSeconds());
      if (!test.passed()) {
        result.fail(target.name() + "'s latest restore test (" + test.id() + ") failed.");
      } else if (test.finishedAt().plus(interval).isBefore(now)) {
        result.warn(
            target.name()
                + "'s latest restore test passed on "
                + test.finishedAt()
                + ", longer ago than its schedule allows.");
      } else if (Duration.ofSeconds(test.dataAgeSeconds()).compareTo(interval) > 0) {
        result.warn(
            target.name()
                + "'s latest restore test used data "
                + Schedules.describe(Duration.ofSeconds(test.dataAgeSeconds()))
                + " old: not a recent backup.");
      }
    }
    return result.build(
        "A recent backup of every target was restored and validated table by table");
  }
}
