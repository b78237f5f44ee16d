package dev.vigil.backups.dump;

import dev.vigil.backups.BackupsConfig;
import dev.vigil.backups.catalogue.Backup;
import dev.vigil.backups.catalogue.BackupQueue;
import dev.vigil.backups.events.BackupEvents;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.backups.targets.CronSchedule;
import dev.vigil.common.events.backups.BackupFailed;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Queues each enabled target's scheduled backups, and reports a missed schedule (no verified backup
 * within the grace after a scheduled time) once, as {@code backup-failed} with phase SCHEDULE.
 */
@ApplicationScoped
public class BackupSchedule {

  private final BackupQueue queue;
  private final BackupJobs jobs;
  private final BackupEvents events;
  private final BackupsConfig config;

  BackupSchedule(BackupQueue queue, BackupJobs jobs, BackupEvents events, BackupsConfig config) {
    this.queue = queue;
    this.jobs = jobs;
    this.events = events;
    this.config = config;
  }

  @Scheduled(
      identity = "backup-schedule",
      every = "${vigil.backups.tick:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> tick() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    return BackupTarget.eachEnabled(t -> due(t, now))
        .invoke(
            queued -> {
              if (queued.stream().anyMatch(Boolean::booleanValue)) {
                jobs.wake();
              }
            })
        .replaceWithVoid();
  }

  private Uni<Boolean> due(BackupTarget detached, ZonedDateTime now) {
    return BackupTarget.require(detached.id)
        .chain(
            target -> {
              CronSchedule schedule = CronSchedule.parse(target.schedule);
              return reportMissed(target, schedule, now)
                  .chain(() -> enqueueDue(target, schedule, now));
            });
  }

  private Uni<Boolean> enqueueDue(BackupTarget target, CronSchedule schedule, ZonedDateTime now) {
    Optional<OffsetDateTime> fired = schedule.lastFire(now).map(ZonedDateTime::toOffsetDateTime);
    if (fired.isEmpty() || fired.get().isBefore(target.createdAt)) {
      return Uni.createFrom().item(false);
    }
    return Backup.count(
            "targetId = ?1 and trigger = ?2 and createdAt >= ?3",
            target.id,
            Backup.Trigger.SCHEDULED,
            fired.get())
        .chain(
            already ->
                already > 0
                    ? Uni.createFrom().item(false)
                    : queue
                        .enqueue(target, Backup.Trigger.SCHEDULED, "schedule")
                        .map(id -> id != null));
  }

  /** A scheduled time older than the grace with no verified backup taken since is missed. */
  private Uni<Void> reportMissed(BackupTarget target, CronSchedule schedule, ZonedDateTime now) {
    Optional<OffsetDateTime> expected =
        schedule.lastFire(now.minus(config.missedGrace())).map(ZonedDateTime::toOffsetDateTime);
    if (expected.isEmpty()
        || expected.get().isBefore(target.createdAt)
        || (target.lastMissedFire != null && !target.lastMissedFire.isBefore(expected.get()))) {
      return Uni.createFrom().voidItem();
    }
    return Backup.count(
            "targetId = ?1 and status = ?2 and createdAt >= ?3",
            target.id,
            Backup.Status.VERIFIED,
            expected.get().minus(config.tick()))
        .chain(
            verified -> {
              if (verified > 0) {
                return Uni.createFrom().voidItem();
              }
              target.lastMissedFire = expected.get();
              OffsetDateTime at = now.toOffsetDateTime();
              return events.emit(
                  target.name,
                  new BackupFailed(
                      null,
                      target.name,
                      "SCHEDULE",
                      "no verified backup within "
                          + config.missedGrace()
                          + " of the scheduled time "
                          + expected.get(),
                      at));
            });
  }
}
