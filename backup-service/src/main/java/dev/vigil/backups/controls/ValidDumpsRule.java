package dev.vigil.backups.controls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BKV-01: backups are running and every kept one is valid: no stored backup failed re-verification
 * (BAD), the newest verified one is on schedule, and the latest attempt did not fail (a failure
 * with an older verified backup still on schedule warns).
 */
public final class ValidDumpsRule implements BackupRule {

  static final String CONTROL = "BKV-01";

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleOutcome check(CatalogueSnapshot snapshot, OffsetDateTime now) {
    RuleOutcome.Builder result = new RuleOutcome.Builder(CONTROL);
    for (CatalogueSnapshot.TargetState target : snapshot.targets()) {
      Map<String, Object> facts = new LinkedHashMap<>();
      long bad = target.backups().stream().filter(b -> "BAD".equals(b.status())).count();
      facts.put("verifiedBackups", target.verified().size());
      facts.put("badBackups", bad);
      facts.put("lastAttempt", target.lastAttempt().map(b -> b.status()).orElse(null));
      result.checked(target.name(), facts);
      target.backups().stream()
          .filter(b -> "BAD".equals(b.status()))
          .forEach(
              b -> {
                result.reference("backup:" + b.id());
                result.fail(
                    target.name()
                        + " backup "
                        + b.id()
                        + " failed re-verification: "
                        + b.error()
                        + ".");
              });
      var newest = target.verified().stream().findFirst();
      Duration allowed = Schedules.interval(target.schedule(), now).plus(snapshot.grace());
      if (newest.isEmpty()) {
        if (target.lastAttempt().isPresent()) {
          result.fail(
              target.name()
                  + " has no valid backup; the last attempt failed: "
                  + target.lastAttempt().get().error());
        } else {
          result.warn(target.name() + " has no backup yet.");
        }
        continue;
      }
      result.reference("backup:" + newest.get().id());
      if (newest.get().createdAt().plus(allowed).isBefore(now)) {
        result.fail(
            target.name() + " has produced no valid dump since " + newest.get().createdAt() + ".");
      } else if (target.lastAttempt().filter(b -> "FAILED".equals(b.status())).isPresent()) {
        result.warn(
            target.name()
                + "'s latest backup failed ("
                + target.lastAttempt().get().error()
                + "); an older valid one is still within schedule.");
      }
    }
    CnpgChecks.backups(snapshot.cnpg(), snapshot.grace(), now, result);
    return result.build("Backups run on schedule and every stored one verifies");
  }
}
