package dev.vigil.gateway.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.gateway.catalogue.ControlCatalogue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecklistMetricsTest {

  private final ControlCatalogue catalogue = new ControlCatalogue();
  private final ChecklistAssembler assembler = new ChecklistAssembler(catalogue);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ChecklistMetrics metrics = new ChecklistMetrics(assembler, catalogue, registry);

  @Test
  void shouldReportNoFiguresBeforeTheFirstAssembly() {
    assertThat(gauge("vigil.checklist.score.percent")).isNaN();
    assertThat(
            registry
                .get("vigil.checklist.control.failing")
                .tag("control", "KEY-01")
                .gauge()
                .value())
        .isNaN();
  }

  @Test
  void shouldReportScoreStatusCountsAndWhichControlsFail() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    ChecklistView checklist =
        assembler.assemble(
            List.of(evaluation("KEY-01", "FAIL", now), evaluation("KEY-02", "PASS", now)),
            List.of(),
            List.of(),
            now,
            now,
            control -> true);

    metrics.update(checklist);

    assertThat(failing("KEY-01")).isEqualTo(1.0);
    assertThat(failing("KEY-02")).isEqualTo(0.0);
    assertThat(failing("DB-01")).isEqualTo(0.0);
    assertThat(registry.get("vigil.checklist.controls").tag("status", "FAIL").gauge().value())
        .isEqualTo(1.0);
    assertThat(registry.get("vigil.checklist.controls").tag("status", "PASS").gauge().value())
        .isEqualTo(1.0);
    assertThat(
            registry.get("vigil.checklist.controls").gauges().stream()
                .mapToDouble(g -> g.value())
                .sum())
        .isEqualTo(catalogue.controls().size());
    assertThat(gauge("vigil.checklist.score.percent"))
        .isEqualTo(((java.math.BigDecimal) checklist.summary().get("score")).doubleValue())
        .isGreaterThan(0.0);
  }

  private static Evaluation evaluation(String control, String status, OffsetDateTime now) {
    return new Evaluation(
        control, status, now.minusMinutes(1), now.plusHours(1), "key-service", "{}");
  }

  private double failing(String control) {
    return registry.get("vigil.checklist.control.failing").tag("control", control).gauge().value();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }
}
