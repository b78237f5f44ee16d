package dev.vigil.backups.controls;

import static dev.vigil.backups.jobs.Blocking.await;

import dev.vigil.backups.BackupsConfig;
import dev.vigil.backups.catalogue.Backup;
import dev.vigil.backups.cnpg.CnpgObservation;
import dev.vigil.backups.cnpg.CnpgObserver;
import dev.vigil.backups.events.CatalogueChanged;
import dev.vigil.backups.restore.RestoreRun;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.compliance.RequestedEvaluation;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.common.jobs.Workers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DB-03, DB-04, BKV-01..03 and MNT-04 from the catalogue: on a schedule, and at once after a
 * backup, verification, restore or pruning (a {@link CatalogueChanged} event), reported when they
 * change.
 */
@ApplicationScoped
public class BackupControls implements RequestedEvaluation {

  static final List<BackupRule> RULES =
      List.of(
          new HourlyBackupsRule(),
          new ValidDumpsRule(),
          new RetentionRule(),
          new RecentRestoreRule(),
          YearlyRestoreRule.restoreTests(),
          YearlyRestoreRule.drills());

  private static final String SERVICE = "backup-service";
  private static final long LOCK_KEY = 0x5649_4742_4b43L; // "VIGBKC"

  private final ComplianceReporter reporter;
  private final BackupsConfig config;
  private final CnpgObserver cnpgObserver;

  BackupControls(ComplianceReporter reporter, BackupsConfig config, CnpgObserver cnpgObserver) {
    this.reporter = reporter;
    this.config = config;
    this.cnpgObserver = cnpgObserver;
  }

  @Scheduled(
      identity = "backup-controls",
      every = "${vigil.backups.evaluation-interval:10m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    evaluate();
  }

  /** Fired on job threads after a change committed. */
  void changed(@Observes CatalogueChanged change) {
    evaluate();
  }

  /**
   * Reads CloudNativePG's objects, then evaluates every rule in one transaction. Evaluations wait
   * for each other (a transaction-scoped advisory lock, across replicas), so two never report the
   * same control at once. Blocking: call it from a worker thread.
   */
  public void evaluate() {
    CnpgObservation cnpg = cnpgObserver.observe();
    await(() -> evaluate(cnpg));
  }

  private Uni<Void> evaluate(CnpgObservation cnpg) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                            .setParameter(1, LOCK_KEY)
                            .getSingleResult())
                .chain(locked -> evaluateLocked(OffsetDateTime.now(ZoneOffset.UTC), cnpg)));
  }

  private Uni<Void> evaluateLocked(OffsetDateTime now, CnpgObservation cnpg) {
    return load(now, cnpg)
        .chain(
            snapshot ->
                reporter.reportAllIfChanged(
                    RULES.stream().map(r -> evaluation(r.check(snapshot, now), now)).toList()));
  }

  private ControlEvaluation evaluation(RuleOutcome outcome, OffsetDateTime now) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("findings", outcome.findings());
    facts.put("targets", outcome.facts());
    return new ControlEvaluation(
        outcome.control(),
        outcome.status(),
        now,
        now.plus(config.validity()),
        SERVICE,
        new Evidence(outcome.summary(), facts, outcome.references()));
  }

  private Uni<CatalogueSnapshot> load(OffsetDateTime now, CnpgObservation cnpg) {
    return BackupTarget.<BackupTarget>list("enabled = true order by name")
        .chain(
            targets ->
                Multi.createFrom()
                    .iterable(targets)
                    .onItem()
                    .transformToUniAndConcatenate(t -> state(t, now))
                    .collect()
                    .asList())
        .map(targets -> new CatalogueSnapshot(targets, config.missedGrace(), cnpg));
  }

  private static Uni<CatalogueSnapshot.TargetState> state(BackupTarget t, OffsetDateTime now) {
    Uni<List<CatalogueSnapshot.BackupState>> kept =
        Backup.<Backup>list(
                "targetId = ?1 and status in ?2 order by createdAt desc",
                t.id,
                List.of(Backup.Status.VERIFIED, Backup.Status.BAD))
            .map(list -> list.stream().map(BackupControls::backup).toList());
    Uni<Optional<CatalogueSnapshot.BackupState>> last =
        Backup.<Backup>find(
                "targetId = ?1 and status in ?2 order by finishedAt desc",
                t.id,
                List.of(Backup.Status.VERIFIED, Backup.Status.FAILED))
            .firstResult()
            .map(b -> Optional.ofNullable(b).map(BackupControls::backup));
    Uni<List<CatalogueSnapshot.RestoreState>> restores =
        RestoreRun.<RestoreRun>list(
                "targetId = ?1 and createdAt > ?2 and status in ?3 order by finishedAt desc",
                t.id,
                now.minusDays(400),
                List.of(RestoreRun.Status.PASSED, RestoreRun.Status.FAILED))
            .map(list -> list.stream().map(BackupControls::restore).toList());
    return kept.chain(
        k ->
            last.chain(
                l ->
                    restores.map(
                        r ->
                            new CatalogueSnapshot.TargetState(
                                t.id,
                                t.name,
                                t.createdAt,
                                t.schedule,
                                t.restoreTestSchedule,
                                t.retention(),
                                t.rpoMinutes,
                                t.rtoMinutes,
                                k,
                                l,
                                r))));
  }

  private static CatalogueSnapshot.BackupState backup(Backup b) {
    return new CatalogueSnapshot.BackupState(
        b.id, b.status.name(), b.createdAt, b.snapshotAt, b.held || b.incidentId != null, b.error);
  }

  private static CatalogueSnapshot.RestoreState restore(RestoreRun r) {
    return new CatalogueSnapshot.RestoreState(
        r.id,
        r.backupId,
        r.kind.name(),
        r.status.name(),
        r.finishedAt,
        r.durationMs == null ? 0 : r.durationMs,
        r.dataAgeSeconds == null ? 0 : r.dataAgeSeconds);
  }

  /** Asked for by an evaluation request: reads CloudNativePG off the event loop, then evaluates. */
  @Override
  public Uni<Void> reevaluate(EvaluationRequested request) {
    return Workers.offload(cnpgObserver::observe).chain(cnpg -> evaluate(cnpg));
  }
}
