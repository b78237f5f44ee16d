package dev.vigil.backups.controls;

import dev.vigil.backups.targets.CronSchedule;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Schedule arithmetic the rules share. */
final class Schedules {

  private Schedules() {}

  /** The longest a schedule lets pass between two runs. */
  static Duration interval(String cron, OffsetDateTime now) {
    return CronSchedule.parse(cron).longestGap(now.toZonedDateTime());
  }

  static String describe(Duration d) {
    if (d.toDays() >= 2) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 2) {
      return d.toHours() + " hours";
    }
    return d.toMinutes() + " minutes";
  }
}
