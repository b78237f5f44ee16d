package dev.vigil.backups.verification;

import static dev.vigil.backups.jobs.Blocking.await;

import dev.vigil.backups.BackupJson;
import dev.vigil.backups.BackupsConfig;
import dev.vigil.backups.catalogue.Backup;
import dev.vigil.backups.events.BackupEvents;
import dev.vigil.backups.events.CatalogueChanged;
import dev.vigil.backups.snapshot.Manifest;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.backups.tools.ToolVersion;
import dev.vigil.common.events.backups.BackupVerified;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads stored backups back again after {@code vigil.backups.verification.reverify-interval} (bit
 * rot, a tampered bucket). A backup that no longer verifies turns BAD: it stops counting, BKV-01
 * fails, and a security alert is raised.
 */
@ApplicationScoped
public class Reverification {

  private static final Logger LOG = Logger.getLogger(Reverification.class);

  private final BackupVerifier verifier;
  private final BackupEvents events;
  private final BadBackupAlerts alerts;
  private final Event<CatalogueChanged> changed;
  private final BackupsConfig config;

  Reverification(
      BackupVerifier verifier,
      BackupEvents events,
      BadBackupAlerts alerts,
      Event<CatalogueChanged> changed,
      BackupsConfig config) {
    this.verifier = verifier;
    this.events = events;
    this.alerts = alerts;
    this.changed = changed;
    this.config = config;
  }

  @Scheduled(
      identity = "backup-reverification",
      every = "${vigil.backups.tick:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void reverifyDue() {
    OffsetDateTime due =
        OffsetDateTime.now(ZoneOffset.UTC).minus(config.verification().reverifyInterval());
    List<UUID> ids =
        await(
            () ->
                Panache.withSession(
                    () ->
                        Backup.<Backup>find(
                                "status = ?1 and lastVerifiedAt < ?2 order by lastVerifiedAt",
                                Backup.Status.VERIFIED,
                                due)
                            .page(0, 20)
                            .list()
                            .map(list -> list.stream().map(b -> b.id).toList())));
    ids.forEach(this::reverify);
  }

  /** Verifies one stored backup again and records the outcome. Blocking. */
  public BackupVerifier.Verdict reverify(UUID id) {
    Backup backup = await(() -> Panache.withSession(() -> Backup.require(id)));
    int major =
        ToolVersion.serverMajor(
            BackupJson.read(backup.manifest, Manifest.class).serverVersionNum());
    BackupVerifier.Verdict verdict =
        verifier.verify(
            new BackupVerifier.Expected(
                id, backup.objectKey, backup.objectSha256, backup.dumpSha256, major));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    await(
        () ->
            Panache.withTransaction(
                () ->
                    Backup.require(id)
                        .chain(
                            b ->
                                BackupTarget.require(b.targetId)
                                    .chain(t -> record(b, t, verdict, now)))));
    if (!verdict.valid()) {
      LOG.warnf("Backup %s failed re-verification: %s", id, verdict.reason());
    }
    changed.fire(new CatalogueChanged("reverification"));
    return verdict;
  }

  private Uni<Void> record(
      Backup b, BackupTarget target, BackupVerifier.Verdict verdict, OffsetDateTime now) {
    b.lastVerifiedAt = now;
    if (verdict.valid()) {
      return events.emit(target.name, new BackupVerified(b.id, target.name, "VALID", null, now));
    }
    b.status = Backup.Status.BAD;
    b.error = verdict.reason();
    return events
        .emit(target.name, new BackupVerified(b.id, target.name, "BAD", verdict.reason(), now))
        .chain(() -> alerts.raise(target.name, b.id, now));
  }
}
