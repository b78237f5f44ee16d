package dev.vigil.backups.dump;

import static dev.vigil.backups.jobs.Blocking.await;

import dev.vigil.backups.BackupJson;
import dev.vigil.backups.BackupsConfig;
import dev.vigil.backups.catalogue.Backup;
import dev.vigil.backups.events.BackupEvents;
import dev.vigil.backups.events.CatalogueChanged;
import dev.vigil.backups.jobs.Heartbeat;
import dev.vigil.backups.jobs.JobQueue;
import dev.vigil.backups.snapshot.Manifest;
import dev.vigil.backups.storage.BackupStorage;
import dev.vigil.backups.storage.ObjectKeys;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.backups.tools.ToolVersion;
import dev.vigil.backups.verification.BackupVerifier;
import dev.vigil.common.events.backups.BackupCompleted;
import dev.vigil.common.events.backups.BackupFailed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs queued backups, one at a time per replica, on its own thread: claim, dump, verify, then
 * record VERIFIED with {@code backup-completed} (or FAILED with {@code backup-failed}) in one
 * transaction. Backups whose runner died (a killed pod) are failed and their objects deleted, so
 * nothing half-written is ever counted.
 */
@ApplicationScoped
public class BackupJobs {

  private static final Logger LOG = Logger.getLogger(BackupJobs.class);

  private final BackupRunner runner;
  private final BackupVerifier verifier;
  private final BackupStorage storage;
  private final BackupEvents events;
  private final Event<CatalogueChanged> changed;
  private final BackupsConfig config;
  private final JobQueue jobs;

  BackupJobs(
      BackupRunner runner,
      BackupVerifier verifier,
      BackupStorage storage,
      BackupEvents events,
      Event<CatalogueChanged> changed,
      BackupsConfig config,
      Pool pool) {
    this.runner = runner;
    this.verifier = verifier;
    this.storage = storage;
    this.events = events;
    this.changed = changed;
    this.config = config;
    this.jobs = new JobQueue(pool, "backup", this::run);
  }

  /** Clean up after dead runners, then run what is queued. */
  @Scheduled(
      identity = "backup-runner",
      every = "${vigil.backups.tick:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    recoverAbandoned();
    wake();
  }

  /** Runs the queue now, on the runner thread. */
  public void wake() {
    jobs.wake();
  }

  void queued(@jakarta.enterprise.event.Observes dev.vigil.backups.events.BackupQueued queued) {
    wake();
  }

  void shutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
    // A running dump is abandoned (its heartbeat stops) and cleaned up by the next runner.
    jobs.shutdown();
  }

  private record Claimed(Backup backup, BackupTarget target) {}

  private void run(UUID id) {
    Claimed claimed =
        await(
            () ->
                Panache.withSession(
                    () ->
                        Backup.require(id)
                            .chain(
                                b ->
                                    BackupTarget.require(b.targetId).map(t -> new Claimed(b, t)))));
    Backup backup = claimed.backup();
    BackupTarget target = claimed.target();
    Heartbeat progress = jobs.heartbeat(id);
    long start = System.nanoTime();
    try {
      DumpResult result = dumpWithRetries(backup, target, progress);
      progress.phase("VERIFYING");
      BackupVerifier.Verdict verdict =
          verifier.verify(
              new BackupVerifier.Expected(
                  id,
                  result.objectKey(),
                  result.objectSha256(),
                  result.dumpSha256(),
                  ToolVersion.serverMajor(result.manifest().serverVersionNum())));
      if (!verdict.valid()) {
        deleteQuietly(result.objectKey());
        throw new BackupFailure(
            "VERIFYING", "the stored backup failed verification: " + verdict.reason());
      }
      complete(backup, target, result, Duration.ofNanos(System.nanoTime() - start));
    } catch (BackupFailure failure) {
      LOG.warnf(
          "Backup %s of %s failed (%s): %s",
          id, target.name, failure.phase(), failure.getMessage());
      fail(id, target.name, failure.phase(), failure.getMessage());
    } catch (RuntimeException e) {
      LOG.errorf(e, "Backup %s of %s failed unexpectedly", id, target.name);
      deleteQuietly(backup.objectKey);
      fail(id, target.name, "DUMPING", "unexpected failure: " + e.getClass().getSimpleName());
    }
    changed.fire(new CatalogueChanged("backup"));
  }

  private DumpResult dumpWithRetries(Backup backup, BackupTarget target, Heartbeat progress) {
    int attempts = Math.max(1, config.storage().attempts());
    for (int attempt = 1; ; attempt++) {
      try {
        return runner.run(
            backup.id,
            target.name,
            backup.objectKey,
            target.connection(),
            backup.createdAt,
            progress);
      } catch (BackupFailure failure) {
        if (!"STORING".equals(failure.phase()) || attempt >= attempts) {
          throw attempt > 1
              ? new BackupFailure(
                  failure.phase(), failure.getMessage() + " (after " + attempt + " attempts)")
              : failure;
        }
        LOG.warnf("Storing backup %s failed (attempt %d), retrying", backup.id, attempt);
        pause(Duration.ofSeconds(2L * attempt));
      }
    }
  }

  private void complete(Backup claimed, BackupTarget target, DumpResult r, Duration took) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Manifest manifest = r.manifest();
    await(
        () ->
            Panache.withTransaction(
                () ->
                    Backup.require(claimed.id)
                        .chain(
                            b -> {
                              b.status = Backup.Status.VERIFIED;
                              b.phase = null;
                              b.snapshotAt = manifest.snapshotAt();
                              b.serverVersion = manifest.serverVersion();
                              b.pgDumpVersion = r.pgDumpVersion();
                              b.storedBytes = r.storedBytes();
                              b.dumpBytes = r.dumpBytes();
                              b.bytesDone = r.dumpBytes();
                              b.dumpSha256 = r.dumpSha256();
                              b.objectSha256 = r.objectSha256();
                              b.kekKeyId = r.kekKeyId();
                              b.wrappedKey = r.wrappedKey();
                              b.manifest = BackupJson.write(manifest);
                              b.verifiedAt = now;
                              b.lastVerifiedAt = now;
                              b.finishedAt = now;
                              return events.emit(
                                  target.name,
                                  new BackupCompleted(
                                      b.id,
                                      target.name,
                                      b.trigger.name(),
                                      manifest.snapshotAt(),
                                      took.toMillis(),
                                      r.dumpBytes(),
                                      r.storedBytes(),
                                      r.dumpSha256(),
                                      storage.kind(),
                                      r.objectKey()));
                            })));
  }

  private void fail(UUID id, String targetName, String phase, String reason) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    await(
        () ->
            Panache.withTransaction(
                () ->
                    Backup.require(id)
                        .chain(
                            b -> {
                              b.fail(Backup.Status.FAILED, phase + ": " + reason, now);
                              return events.emit(
                                  targetName,
                                  new BackupFailed(id, targetName, phase, b.error, now));
                            })));
  }

  /**
   * Backups whose runner stopped reporting (the pod was killed mid-backup): their object, whole or
   * partial, is deleted and they are failed; unfinished uploads of no running backup go too.
   */
  void recoverAbandoned() {
    for (UUID id : jobs.abandoned(config.lease())) {
      Backup backup = await(() -> Panache.withSession(() -> Backup.<Backup>findById(id)));
      if (backup == null) {
        continue;
      }
      deleteQuietly(backup.objectKey);
      String target =
          await(
              () ->
                  Panache.withSession(
                      () -> BackupTarget.require(backup.targetId).map(t -> t.name)));
      fail(id, target, "INTERRUPTED", "the runner " + backup.runner + " stopped mid-backup");
      changed.fire(new CatalogueChanged("backup interrupted"));
    }
    try {
      for (String name : storage.unfinished()) {
        Optional<UUID> owner = ObjectKeys.backupId(name);
        boolean running =
            owner.isPresent()
                && await(
                    () ->
                        Panache.withSession(
                            () ->
                                Backup.count(
                                        "id = ?1 and status = ?2",
                                        owner.get(),
                                        Backup.Status.RUNNING)
                                    .map(n -> n > 0)));
        if (!running) {
          storage.abortUnfinished(name);
          LOG.infof("Removed the unfinished upload %s", name);
        }
      }
    } catch (IOException e) {
      LOG.warnf("Unfinished uploads could not be listed: %s", e.getMessage());
    }
  }

  private void deleteQuietly(String key) {
    if (key == null) {
      return;
    }
    try {
      storage.delete(key);
    } catch (IOException | RuntimeException e) {
      LOG.warnf("Could not delete object %s: %s", key, e.getMessage());
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackupFailure("STORING", "interrupted");
    }
  }
}
