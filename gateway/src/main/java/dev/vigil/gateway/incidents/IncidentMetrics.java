package dev.vigil.gateway.incidents;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code vigil_incidents_open{severity}}: incidents not yet closed, read from the database; NaN
 * until the first read.
 */
@Startup
@ApplicationScoped
public class IncidentMetrics {

  private static final String QUERY =
      "SELECT severity, count(*) AS open FROM incident WHERE status = 'OPEN' GROUP BY severity";

  private final Pool pool;
  private final Map<Incident.Severity, AtomicReference<Double>> open =
      new EnumMap<>(Incident.Severity.class);

  IncidentMetrics(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    for (Incident.Severity severity : Incident.Severity.values()) {
      AtomicReference<Double> count = new AtomicReference<>(Double.NaN);
      open.put(severity, count);
      Gauge.builder("vigil.incidents.open", count, AtomicReference::get)
          .description("Incidents not yet closed")
          .tag("severity", severity.name())
          .register(registry);
    }
  }

  @Scheduled(
      identity = "incident-metrics",
      every = "${vigil.incidents.metrics-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return pool.query(QUERY)
        .execute()
        .invoke(
            rows -> {
              Map<String, Long> counts = new HashMap<>();
              rows.forEach(row -> counts.put(row.getString("severity"), row.getLong("open")));
              open.forEach(
                  (severity, count) ->
                      count.set((double) counts.getOrDefault(severity.name(), 0L)));
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
