package dev.vigil.backups.restore;

import static dev.vigil.backups.jobs.Blocking.await;

import dev.vigil.backups.BackupJson;
import dev.vigil.backups.BackupsConfig;
import dev.vigil.backups.catalogue.Backup;
import dev.vigil.backups.events.BackupEvents;
import dev.vigil.backups.events.CatalogueChanged;
import dev.vigil.backups.jobs.Heartbeat;
import dev.vigil.backups.jobs.JobQueue;
import dev.vigil.backups.jobs.Progress;
import dev.vigil.backups.snapshot.Manifest;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.backups.targets.ConnectionSettings;
import dev.vigil.backups.targets.PasswordSource;
import dev.vigil.backups.targets.TargetJson;
import dev.vigil.common.events.backups.RestoreCompleted;
import dev.vigil.common.events.backups.RestoreProgressed;
import dev.vigil.common.events.backups.RestoreTested;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs queued restores one at a time per replica: restore tests and drills into a scratch database
 * on the restore server, recoveries onto the target's server. Records the achieved recovery time
 * and recovery point against the target's objectives, with {@code restore-tested} or {@code
 * restore-completed}, and {@code restore-progressed} at each phase.
 */
@ApplicationScoped
public class RestoreJobs {

  private static final Logger LOG = Logger.getLogger(RestoreJobs.class);

  private final RestoreRunner runner;
  private final BackupEvents events;
  private final Event<CatalogueChanged> changed;
  private final BackupsConfig config;
  private final JobQueue jobs;

  RestoreJobs(
      RestoreRunner runner,
      BackupEvents events,
      Event<CatalogueChanged> changed,
      BackupsConfig config,
      Pool pool) {
    this.runner = runner;
    this.events = events;
    this.changed = changed;
    this.config = config;
    this.jobs = new JobQueue(pool, "restore_run", this::run);
  }

  @Scheduled(
      identity = "restore-runner",
      every = "${vigil.backups.tick:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    for (UUID id : jobs.abandoned(config.lease())) {
      finish(id, null, "the runner stopped mid-restore", 0);
    }
    wake();
  }

  void queued(@Observes RestoreQueued queued) {
    wake();
  }

  private void wake() {
    jobs.wake();
  }

  void shutdown(@Observes ShutdownEvent event) {
    jobs.shutdown();
  }

  private record Claimed(RestoreRun run, Backup backup, BackupTarget target) {}

  private void run(UUID id) {
    Claimed c =
        await(
            () ->
                Panache.withSession(
                    () ->
                        RestoreRun.require(id)
                            .chain(
                                run ->
                                    Backup.require(run.backupId)
                                        .chain(
                                            b ->
                                                BackupTarget.require(run.targetId)
                                                    .map(t -> new Claimed(run, b, t))))));
    RestoreOutcome outcome;
    try {
      if (c.backup().status != Backup.Status.VERIFIED) {
        throw new IllegalStateException("backup " + c.backup().id + " is " + c.backup().status);
      }
      boolean test = c.run().kind != RestoreRun.Kind.RECOVERY;
      RestoreRunner.Plan plan =
          new RestoreRunner.Plan(
              id,
              c.backup().id,
              c.backup().objectKey,
              c.backup().dumpSha256,
              BackupJson.read(c.backup().manifest, Manifest.class),
              test ? restoreServer() : c.target().connection().withDatabase("postgres"),
              c.run().databaseName,
              test,
              c.run().replaceExisting,
              TargetJson.checks(c.target().checks));
      outcome = runner.restore(plan, progress(id, c.target().name));
    } catch (RuntimeException e) {
      LOG.errorf(e, "Restore %s failed unexpectedly", id);
      outcome =
          new RestoreOutcome(
              java.util.List.of(),
              java.util.List.of(),
              "unexpected failure: " + e.getClass().getSimpleName(),
              0);
    }
    finish(id, outcome, outcome.failure(), outcome.durationMs());
    changed.fire(new CatalogueChanged("restore"));
  }

  private ConnectionSettings restoreServer() {
    var server = config.restore().server();
    return new ConnectionSettings(
        server.host(),
        server.port(),
        "postgres",
        server.user(),
        server.sslMode(),
        server
            .password()
            .<PasswordSource>map(PasswordSource.Configured::new)
            .orElse(new PasswordSource.None()));
  }

  /** Heartbeats, and a {@code restore-progressed} event at each phase. */
  private Progress progress(UUID id, String target) {
    Heartbeat heartbeat = jobs.heartbeat(id);
    return new Progress() {
      @Override
      public void phase(String phase) {
        heartbeat.phase(phase);
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        await(
            () ->
                Panache.withTransaction(
                    () -> events.emit(target, new RestoreProgressed(id, target, phase, at))));
      }

      @Override
      public void bytes(long done) {
        heartbeat.bytes(done);
      }
    };
  }

  private void finish(UUID id, RestoreOutcome outcome, String failure, long durationMs) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    await(
        () ->
            Panache.withTransaction(
                () ->
                    RestoreRun.require(id)
                        .chain(
                            run ->
                                Backup.require(run.backupId)
                                    .chain(
                                        backup ->
                                            BackupTarget.require(run.targetId)
                                                .chain(
                                                    target -> {
                                                      record(
                                                          run,
                                                          backup,
                                                          outcome,
                                                          failure,
                                                          durationMs,
                                                          now);
                                                      return events.emit(
                                                          target.name,
                                                          event(run, backup, target, outcome, now));
                                                    })))));
  }

  private static void record(
      RestoreRun run,
      Backup backup,
      RestoreOutcome outcome,
      String failure,
      long durationMs,
      OffsetDateTime now) {
    boolean passed = outcome != null && outcome.passed();
    run.status = passed ? RestoreRun.Status.PASSED : RestoreRun.Status.FAILED;
    run.phase = null;
    run.finishedAt = now;
    run.durationMs = durationMs;
    OffsetDateTime began = run.startedAt != null ? run.startedAt : now;
    run.dataAgeSeconds = Math.max(0, Duration.between(backup.snapshotAt, began).toSeconds());
    if (outcome != null) {
      run.mismatches = BackupJson.write(outcome.differences());
      run.checkResults = BackupJson.write(outcome.checks());
    }
    if (failure != null) {
      run.failure(failure, now);
    } else if (!passed) {
      run.failure("validation found " + outcome.problems().size() + " problems", now);
    }
  }

  private static dev.vigil.common.events.EventData event(
      RestoreRun run,
      Backup backup,
      BackupTarget target,
      RestoreOutcome outcome,
      OffsetDateTime now) {
    java.util.List<String> problems =
        outcome == null ? java.util.List.of(run.error) : outcome.problems();
    boolean passed = run.status == RestoreRun.Status.PASSED;
    if (run.kind == RestoreRun.Kind.RECOVERY) {
      return new RestoreCompleted(
          run.id,
          backup.id,
          target.name,
          run.databaseName,
          run.replaceExisting && passed,
          passed ? "SUCCEEDED" : "FAILED",
          problems.isEmpty() ? null : limit(problems),
          passed ? null : run.error,
          run.durationMs,
          run.incidentId,
          run.requestedBy,
          now);
    }
    return new RestoreTested(
        run.id,
        backup.id,
        target.name,
        run.kind.name(),
        passed ? "PASSED" : "FAILED",
        run.durationMs,
        run.dataAgeSeconds,
        run.durationMs <= Duration.ofMinutes(target.rtoMinutes).toMillis(),
        run.dataAgeSeconds <= Duration.ofMinutes(target.rpoMinutes).toSeconds(),
        limit(problems),
        now);
  }

  private static java.util.List<String> limit(java.util.List<String> problems) {
    return problems.stream()
        .limit(200)
        .map(p -> p.length() > 1000 ? p.substring(0, 1000) : p)
        .toList();
  }
}
