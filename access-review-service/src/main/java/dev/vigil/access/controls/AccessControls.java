package dev.vigil.access.controls;

import dev.vigil.access.AccessConfig;
import dev.vigil.access.controls.rules.AccessRules;
import dev.vigil.access.snapshot.SnapshotStore;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.RequestedEvaluation;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.common.jobs.SingleReplica;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Evaluates AUTH-01, AUTH-02 and ACC-01..04 against the current snapshots and the closed campaigns,
 * on a schedule and after every change to either, and reports them through the outbox.
 */
@ApplicationScoped
public class AccessControls implements RequestedEvaluation {

  static final long LOCK = 0x5643_4143_4354_524CL;
  static final String SERVICE = "access-review-service";

  private final SnapshotStore store;
  private final ReviewHistoryReader reviews;
  private final ComplianceReporter reporter;
  private final AccessConfig config;

  AccessControls(
      SnapshotStore store,
      ReviewHistoryReader reviews,
      ComplianceReporter reporter,
      AccessConfig config) {
    this.store = store;
    this.reviews = reviews;
    this.reporter = reporter;
    this.config = config;
  }

  @Scheduled(
      identity = "access-controls",
      every = "${vigil.access.evaluation-interval:10m}",
      delayed = "40s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return SingleReplica.inTransaction(LOCK, session -> evaluate(), () -> null);
  }

  /** Evaluates and reports every control; needs a transaction. */
  public Uni<Void> evaluate() {
    return evaluations().chain(reporter::reportAllIfChanged);
  }

  /**
   * The current evaluation of every control, from one paged pass over the current snapshots; needs
   * a session.
   */
  public Uni<List<ControlEvaluation>> evaluations() {
    AccessSettings settings = AccessSettings.of(config);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return reviews
        .read()
        .chain(
            history -> {
              List<AccessRule.Check> checks =
                  AccessRules.ALL.stream()
                      .map(rule -> rule.start(history, settings, now.toInstant()))
                      .toList();
              return store
                  .scan(
                      account -> checks.forEach(check -> check.account(account)),
                      key -> checks.forEach(check -> check.apiKey(key)))
                  .map(
                      headers ->
                          checks.stream()
                              .map(check -> check.result(headers))
                              .map(result -> evaluation(result, now))
                              .toList());
            });
  }

  private ControlEvaluation evaluation(RuleResult result, OffsetDateTime now) {
    return new ControlEvaluation(
        result.control(),
        result.status(),
        now,
        now.plus(config.validity()),
        SERVICE,
        result.evidence());
  }

  /** Asked for by an evaluation request: waits for the scheduled run's lock instead of skipping. */
  @Override
  public Uni<Void> reevaluate(EvaluationRequested request) {
    return SingleReplica.awaitLock(LOCK).chain(this::evaluate);
  }
}
