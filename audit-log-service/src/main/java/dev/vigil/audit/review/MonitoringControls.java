package dev.vigil.audit.review;

import dev.vigil.audit.detection.AlertAcknowledged;
import dev.vigil.audit.detection.Rule;
import dev.vigil.audit.detection.SecurityAlert;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.compliance.RequestedEvaluation;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.common.events.security.SecurityAlertRaised.Severity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates MON-01..MON-04 from the log, the alerts and the reviews, and reports them through the
 * outbox (only when a result changes, or before the last one expires).
 *
 * <ul>
 *   <li>MON-01: a review within the review period, and no high or critical alert left
 *       unacknowledged past the deadline;
 *   <li>MON-02/03/04: the sign-in, device and integration rules run on every stored entry, and none
 *       of their alerts is left unacknowledged past the deadline.
 * </ul>
 */
@ApplicationScoped
public class MonitoringControls implements RequestedEvaluation {

  private final MonitoringConfig config;
  private final ComplianceReporter reporter;

  MonitoringControls(MonitoringConfig config, ComplianceReporter reporter) {
    this.config = config;
    this.reporter = reporter;
  }

  @Scheduled(
      identity = "monitoring-controls",
      every = "${vigil.audit.monitoring.evaluation-interval:1m}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return Panache.withTransaction(this::evaluate);
  }

  /** An acknowledgement can settle MON-01..04: evaluated in the acknowledging transaction. */
  void onAcknowledged(@Observes AlertAcknowledged acknowledged) {
    acknowledged.then(this::evaluate);
  }

  /** Evaluates and reports all four controls; call inside a transaction. */
  public Uni<Void> evaluate() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime overdue = now.minus(config.acknowledgeWithin());
    return AuditReview.<AuditReview>find("order by recordedAt desc")
        .<AuditReview>firstResult()
        .chain(
            lastReview ->
                SecurityAlert.<SecurityAlert>list(
                        "status = ?1 and raisedAt < ?2", SecurityAlert.Status.OPEN.name(), overdue)
                    .chain(overdueAlerts -> report(now, lastReview, overdueAlerts)));
  }

  private Uni<Void> report(
      OffsetDateTime now, AuditReview lastReview, List<SecurityAlert> overdueAlerts) {
    OffsetDateTime validUntil = now.plus(config.evaluationInterval().multipliedBy(5));
    return reporter
        .reportIfChanged(reviewControl(now, validUntil, lastReview, overdueAlerts))
        .chain(
            () ->
                reporter.reportIfChanged(
                    alertControl("MON-02", "sign-in", now, validUntil, overdueAlerts)))
        .chain(
            () ->
                reporter.reportIfChanged(
                    alertControl(
                        "MON-03", "device authentication", now, validUntil, overdueAlerts)))
        .chain(
            () ->
                reporter.reportIfChanged(
                    alertControl("MON-04", "integration health", now, validUntil, overdueAlerts)))
        .replaceWithVoid();
  }

  private ControlEvaluation reviewControl(
      OffsetDateTime now,
      OffsetDateTime validUntil,
      AuditReview lastReview,
      List<SecurityAlert> overdueAlerts) {
    long overdueHigh =
        overdueAlerts.stream().filter(a -> !a.severity.equals(Severity.MEDIUM.name())).count();
    boolean reviewed =
        lastReview != null && lastReview.recordedAt.isAfter(now.minus(config.reviewPeriod()));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("lastReviewAt", lastReview == null ? null : lastReview.recordedAt.toString());
    facts.put("lastReviewer", lastReview == null ? null : lastReview.reviewer);
    facts.put("reviewedThrough", lastReview == null ? null : lastReview.reviewedThrough.toString());
    facts.put("reviewPeriodDays", config.reviewPeriod().toDays());
    facts.put("unacknowledgedHighAlertsPastDeadline", overdueHigh);
    ControlStatus status;
    String summary;
    if (!reviewed) {
      status = ControlStatus.FAIL;
      summary =
          "The audit log has not been reviewed within the last "
              + config.reviewPeriod().toDays()
              + " days.";
    } else if (overdueHigh > 0) {
      status = ControlStatus.FAIL;
      summary = overdueHigh + " high or critical alert(s) are unacknowledged past the deadline.";
    } else if (lastReview.recordedAt.isBefore(now.minus(config.reviewPeriod()).plusDays(1))) {
      status = ControlStatus.WARN;
      summary = "The audit log was reviewed, but the next review is due within a day.";
    } else {
      status = ControlStatus.PASS;
      summary =
          "The audit log was reviewed within the period and every high alert was acknowledged in time.";
    }
    return new ControlEvaluation(
        "MON-01",
        status,
        now,
        validUntil,
        "audit-log-service",
        new Evidence(summary, facts, List.of("/api/v1/audit/reviews")));
  }

  private static ControlEvaluation alertControl(
      String control,
      String what,
      OffsetDateTime now,
      OffsetDateTime validUntil,
      List<SecurityAlert> overdueAlerts) {
    List<String> rules =
        Arrays.stream(Rule.values())
            .filter(r -> r.control().equals(control))
            .map(Rule::id)
            .toList();
    List<String> overdue =
        overdueAlerts.stream()
            .filter(a -> rules.contains(a.rule))
            .map(a -> a.alertId.toString())
            .toList();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("rules", rules);
    facts.put("unacknowledgedAlertsPastDeadline", overdue.size());
    boolean pass = overdue.isEmpty();
    String summary =
        pass
            ? "Every stored audit entry is checked for "
                + what
                + " anomalies and every alert was handled in time."
            : overdue.size() + " " + what + " alert(s) are unacknowledged past the deadline.";
    return new ControlEvaluation(
        control,
        pass ? ControlStatus.PASS : ControlStatus.FAIL,
        now,
        validUntil,
        "audit-log-service",
        new Evidence(
            summary, facts, overdue.stream().map(id -> "/api/v1/audit/alerts/" + id).toList()));
  }

  /** Asked for by an evaluation request: evaluates and reports as on schedule. */
  @Override
  public Uni<Void> reevaluate(EvaluationRequested request) {
    return evaluate();
  }
}
