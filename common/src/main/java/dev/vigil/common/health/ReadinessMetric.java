package dev.vigil.common.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code vigil_health_ready}: 1 while the service's readiness checks are UP, 0 while DOWN, NaN
 * until first checked. Kubernetes only shows the current state; this lets an alert count the flaps.
 */
@Startup
@ApplicationScoped
public class ReadinessMetric {

  private final SmallRyeHealthReporter health;
  private final AtomicReference<Double> ready = new AtomicReference<>(Double.NaN);

  ReadinessMetric(SmallRyeHealthReporter health, MeterRegistry registry) {
    this.health = health;
    Gauge.builder("vigil.health.ready", ready, AtomicReference::get)
        .description("1 while the readiness checks are UP, 0 while DOWN")
        .register(registry);
  }

  @Scheduled(
      identity = "vigil-readiness-metric",
      every = "${vigil.health.metric-interval:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return health
        .getReadinessAsync()
        .invoke(
            report -> ready.set(report.getStatus() == HealthCheckResponse.Status.UP ? 1.0 : 0.0))
        .onFailure()
        .invoke(() -> ready.set(0.0))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
