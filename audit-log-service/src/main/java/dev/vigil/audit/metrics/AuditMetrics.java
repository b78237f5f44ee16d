package dev.vigil.audit.metrics;

import dev.vigil.common.events.security.SecurityAlertRaised.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * The audit log's health for Prometheus, refreshed from the database:
 *
 * <ul>
 *   <li>{@code vigil_audit_chain_head_sequence}: entries chained, all chains (the dashboard's
 *       ingest rate is its derivative);
 *   <li>{@code vigil_audit_chain_head_updated_timestamp_seconds}: when a chain head last moved;
 *   <li>{@code vigil_audit_alerts_open{severity}}: security alerts not yet acknowledged;
 *   <li>{@code vigil_audit_alert_oldest_open_age_seconds{severity}}: age of the oldest of them, NaN
 *       when there is none.
 * </ul>
 *
 * NaN until the first read: absent data is not reported as zero.
 */
@Startup
@ApplicationScoped
public class AuditMetrics {

  private static final String CHAIN_QUERY =
      "SELECT coalesce(sum(seq), 0) AS head, extract(epoch FROM max(updated_at)) AS updated"
          + " FROM audit_chain_head";

  private static final String ALERT_QUERY =
      "SELECT severity, count(*) AS open, extract(epoch FROM now() - min(raised_at)) AS oldest"
          + " FROM security_alert WHERE status = 'OPEN' GROUP BY severity";

  /** The last figures read for one severity. */
  private static final class Alerts {
    volatile double open = Double.NaN;
    volatile double oldestAge = Double.NaN;
  }

  private final Pool pool;
  private volatile double head = Double.NaN;
  private volatile double headUpdated = Double.NaN;
  private final Map<Severity, Alerts> alerts = new EnumMap<>(Severity.class);

  AuditMetrics(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    Gauge.builder("vigil.audit.chain.head.sequence", this, m -> m.head)
        .description("Entries chained in the audit log, all chains")
        .register(registry);
    Gauge.builder("vigil.audit.chain.head.updated.timestamp", this, m -> m.headUpdated)
        .description("When an audit chain head last moved")
        .baseUnit("seconds")
        .register(registry);
    for (Severity severity : Severity.values()) {
      Alerts figures = new Alerts();
      alerts.put(severity, figures);
      Gauge.builder("vigil.audit.alerts.open", figures, f -> f.open)
          .description("Security alerts not yet acknowledged")
          .tag("severity", severity.name())
          .register(registry);
      Gauge.builder("vigil.audit.alert.oldest.open.age", figures, f -> f.oldestAge)
          .description("Age of the oldest security alert not yet acknowledged")
          .baseUnit("seconds")
          .tag("severity", severity.name())
          .register(registry);
    }
  }

  @Scheduled(
      identity = "audit-metrics",
      every = "${vigil.audit.metrics-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    Uni<Void> chain =
        pool.query(CHAIN_QUERY)
            .execute()
            .invoke(
                rows -> {
                  Row row = rows.iterator().next();
                  head = number(row, "head");
                  headUpdated = number(row, "updated");
                })
            .replaceWithVoid();
    Uni<Void> open =
        pool.query(ALERT_QUERY)
            .execute()
            .invoke(
                rows -> {
                  Map<String, Row> bySeverity = new java.util.HashMap<>();
                  rows.forEach(row -> bySeverity.put(row.getString("severity"), row));
                  alerts.forEach(
                      (severity, figures) -> {
                        Row row = bySeverity.get(severity.name());
                        figures.open = row == null ? 0 : number(row, "open");
                        figures.oldestAge = row == null ? Double.NaN : number(row, "oldest");
                      });
                })
            .replaceWithVoid();
    return chain.chain(() -> open).onFailure().recoverWithNull().replaceWithVoid();
  }

  private static double number(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
