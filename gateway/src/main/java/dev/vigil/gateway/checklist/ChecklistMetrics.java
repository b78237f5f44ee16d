package dev.vigil.gateway.checklist;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.catalogue.ControlCatalogue;
import dev.vigil.gateway.catalogue.ControlDefinition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live checklist for Prometheus, assembled like the API's:
 *
 * <ul>
 *   <li>{@code vigil_checklist_score_percent}: the checklist's score;
 *   <li>{@code vigil_checklist_controls{status}}: how many controls show each status;
 *   <li>{@code vigil_checklist_control_failing{control}}: 1 while a control shows FAIL, else 0.
 * </ul>
 *
 * NaN until the first assembly: absent data is not reported as a score.
 */
@Startup
@ApplicationScoped
public class ChecklistMetrics {

  private final ChecklistAssembler assembler;
  private final AtomicReference<Double> score = new AtomicReference<>(Double.NaN);
  private final Map<ControlStatus, AtomicReference<Double>> byStatus =
      new EnumMap<>(ControlStatus.class);
  private final Map<String, AtomicReference<Double>> failing = new ConcurrentHashMap<>();

  ChecklistMetrics(
      ChecklistAssembler assembler, ControlCatalogue catalogue, MeterRegistry registry) {
    this.assembler = assembler;
    Gauge.builder("vigil.checklist.score.percent", score, AtomicReference::get)
        .description("The checklist score: controls passing or attested, in percent")
        .register(registry);
    for (ControlStatus status : ControlStatus.values()) {
      AtomicReference<Double> count = new AtomicReference<>(Double.NaN);
      byStatus.put(status, count);
      Gauge.builder("vigil.checklist.controls", count, AtomicReference::get)
          .description("Checklist controls showing the status")
          .tag("status", status.name())
          .register(registry);
    }
    for (ControlDefinition control : catalogue.controls()) {
      AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
      failing.put(control.id(), value);
      Gauge.builder("vigil.checklist.control.failing", value, AtomicReference::get)
          .description("1 while the control shows FAIL, else 0")
          .tag("control", control.id())
          .register(registry);
    }
  }

  @Scheduled(
      identity = "checklist-metrics",
      every = "${vigil.checklist.metrics-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return Panache.withSession(() -> assembler.live(control -> true))
        .invoke(this::update)
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  void update(ChecklistView checklist) {
    Object value = checklist.summary().get("score");
    score.set(value instanceof BigDecimal decimal ? decimal.doubleValue() : Double.NaN);
    byStatus.forEach(
        (status, count) ->
            count.set(
                (double) checklist.controls().stream().filter(c -> c.status() == status).count()));
    checklist
        .controls()
        .forEach(
            control -> {
              AtomicReference<Double> gauge = failing.get(control.id());
              if (gauge != null) {
                gauge.set(control.status() == ControlStatus.FAIL ? 1.0 : 0.0);
              }
            });
  }
}
