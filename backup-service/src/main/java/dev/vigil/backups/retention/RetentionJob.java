package dev.vigil.backups.retention;

import static dev.vigil.backups.jobs.Blocking.await;

import dev.vigil.backups.catalogue.Backup;
import dev.vigil.backups.events.BackupEvents;
import dev.vigil.backups.events.CatalogueChanged;
import dev.vigil.backups.storage.BackupStorage;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.events.backups.BackupPruned;
import dev.vigil.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies each target's GFS policy: deletes the verified backups it no longer keeps, never the
 * newest, never a held one or one linked to an incident, and audits every deletion. BAD backups are
 * kept as evidence; they do not count.
 */
@ApplicationScoped
public class RetentionJob {

  private static final Logger LOG = Logger.getLogger(RetentionJob.class);

  private final BackupStorage storage;
  private final BackupEvents events;
  private final AuditTrail audit;
  private final Event<CatalogueChanged> changed;

  RetentionJob(
      BackupStorage storage,
      BackupEvents events,
      AuditTrail audit,
      Event<CatalogueChanged> changed) {
    this.storage = storage;
    this.events = events;
    this.audit = audit;
    this.changed = changed;
  }

  @Scheduled(
      identity = "backup-retention",
      every = "${vigil.backups.tick:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void apply() {
    List<BackupTarget> targets =
        await(() -> Panache.withSession(() -> BackupTarget.<BackupTarget>listAll()));
    int pruned = 0;
    for (BackupTarget target : targets) {
      pruned += apply(target);
    }
    if (pruned > 0) {
      changed.fire(new CatalogueChanged("retention"));
    }
  }

  private int apply(BackupTarget target) {
    List<Backup> verified =
        await(
            () ->
                Panache.withSession(
                    () ->
                        Backup.<Backup>list(
                            "targetId = ?1 and status = ?2", target.id, Backup.Status.VERIFIED)));
    Gfs.Selection selection = Gfs.select(candidates(verified), target.retention());
    int pruned = 0;
    for (UUID id : selection.delete()) {
      Backup backup = verified.stream().filter(b -> b.id.equals(id)).findFirst().orElseThrow();
      try {
        storage.delete(backup.objectKey);
      } catch (IOException e) {
        LOG.warnf("Retention could not delete %s: %s", backup.objectKey, e.getMessage());
        continue;
      }
      prune(target, backup);
      pruned++;
    }
    return pruned;
  }

  /** Held backups and those linked to an incident are kept like held ones. */
  static List<Gfs.Candidate> candidates(List<Backup> verified) {
    return verified.stream()
        .map(b -> new Gfs.Candidate(b.id, b.snapshotAt, b.held || b.incidentId != null))
        .toList();
  }

  private void prune(BackupTarget target, Backup backup) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String policy = target.retention().describe();
    await(
        () ->
            Panache.withTransaction(
                () ->
                    Backup.require(backup.id)
                        .chain(
                            b -> {
                              b.status = Backup.Status.PRUNED;
                              b.prunedAt = now;
                              return events
                                  .emit(
                                      target.name,
                                      new BackupPruned(
                                          b.id, target.name, b.snapshotAt, policy, now))
                                  .chain(
                                      () ->
                                          audit.record(
                                              Caller.system("backup-service"),
                                              "backup.pruned",
                                              AuditTrail.target(
                                                  "backup", b.id.toString(), target.name),
                                              Map.of(
                                                  "policy",
                                                  policy,
                                                  "snapshotAt",
                                                  b.snapshotAt.toString())));
                            })));
  }
}
