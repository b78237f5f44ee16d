package dev.vigil.backups.controls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DB-03: every enabled target is scheduled at least hourly, its newest verified backup is within
 * its interval plus the grace (no missed schedule), and a retention policy rotates it.
 */
public final class HourlyBackupsRule implements BackupRule {

  static final String CONTROL = "DB-03";
  private static final Duration HOURLY = Duration.ofHours(1);

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleOutcome check(CatalogueSnapshot snapshot, OffsetDateTime now) {
    RuleOutcome.Builder result = new RuleOutcome.Builder(CONTROL);
    for (CatalogueSnapshot.TargetState target : snapshot.targets()) {
      Duration interval = Schedules.interval(target.schedule(), now);
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("schedule", target.schedule());
      facts.put("intervalMinutes", interval.toMinutes());
      facts.put("retention", target.retention().describe());
      var newest = target.verified().stream().findFirst();
      facts.put("newestVerifiedBackup", newest.map(b -> b.createdAt().toString()).orElse(null));
      result.checked(target.name(), facts);
      newest.ifPresent(b -> result.reference("backup:" + b.id()));
      if (interval.compareTo(HOURLY) > 0) {
        result.fail(
            target.name()
                + " is backed up only every "
                + Schedules.describe(interval)
                + " ("
                + target.schedule()
                + "); at least hourly is required.");
      }
      Duration allowed = interval.plus(snapshot.grace());
      if (newest.isEmpty()) {
        if (target.createdAt().plus(allowed).isBefore(now)) {
          result.fail(target.name() + " has no verified backup since it was registered.");
        } else {
          result.warn(target.name() + " was registered recently; its first backup is pending.");
        }
      } else if (newest.get().createdAt().plus(allowed).isBefore(now)) {
        result.fail(
            target.name()
                + " missed its schedule: the newest verified backup was taken "
                + newest.get().createdAt()
                + ".");
      }
    }
    CnpgChecks.schedule(snapshot.cnpg(), snapshot.grace(), now, result);
    return result.build(
        "Every target is backed up at least hourly, on schedule, with GFS rotation");
  }
}
