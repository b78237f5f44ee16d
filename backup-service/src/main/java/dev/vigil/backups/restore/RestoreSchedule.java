package dev.vigil.backups.restore;

import dev.vigil.backups.catalogue.Backup;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.backups.targets.CronSchedule;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

/** Queues each enabled target's scheduled restore test of its newest verified backup. */
@ApplicationScoped
public class RestoreSchedule {

  private final RestoreQueue queue;
  private final Event<RestoreQueued> queued;

  RestoreSchedule(RestoreQueue queue, Event<RestoreQueued> queued) {
    this.queue = queue;
    this.queued = queued;
  }

  @Scheduled(
      identity = "restore-schedule",
      every = "${vigil.backups.tick:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> tick() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    return BackupTarget.eachEnabled(t -> due(t, now))
        .invoke(
            ids ->
                ids.stream()
                    .filter(id -> id != null)
                    .forEach(id -> queued.fire(new RestoreQueued(id))))
        .replaceWithVoid();
  }

  private Uni<UUID> due(BackupTarget target, ZonedDateTime now) {
    Optional<OffsetDateTime> fired =
        CronSchedule.parse(target.restoreTestSchedule)
            .lastFire(now)
            .map(ZonedDateTime::toOffsetDateTime);
    if (fired.isEmpty() || fired.get().isBefore(target.createdAt)) {
      return Uni.createFrom().nullItem();
    }
    return RestoreRun.count(
            "targetId = ?1 and kind = ?2 and createdAt >= ?3",
            target.id,
            RestoreRun.Kind.TEST,
            fired.get())
        .chain(
            already ->
                already > 0
                    ? Uni.createFrom().<UUID>nullItem()
                    : newestVerified(target.id)
                        .chain(
                            backup -> {
                              if (backup == null) {
                                return Uni.createFrom().<UUID>nullItem();
                              }
                              UUID name = UUID.randomUUID();
                              return queue.enqueue(
                                  backup,
                                  RestoreRun.Kind.TEST,
                                  RestoreQueue.scratchName(name),
                                  false,
                                  null,
                                  "schedule");
                            }));
  }

  /** The newest verified backup of a target, or null. */
  static Uni<Backup> newestVerified(UUID targetId) {
    return Backup.<Backup>find(
            "targetId = ?1 and status = ?2 order by snapshotAt desc",
            targetId,
            Backup.Status.VERIFIED)
        .firstResult();
  }
}
