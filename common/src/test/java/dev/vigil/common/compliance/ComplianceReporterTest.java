package dev.vigil.common.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.support.Db;
import dev.vigil.common.support.Evaluations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ComplianceReporterTest {

  @Inject ComplianceReporter reporter;
  @Inject Pool pool;

  @Test
  void shouldEmitOnlyWhenTheResultChanges() throws Throwable {
    assertThat(reportIfChanged(Evaluations.of("BKV-01", ControlStatus.PASS))).isTrue();
    assertThat(reportIfChanged(Evaluations.of("BKV-01", ControlStatus.PASS))).isFalse();
    assertThat(reportIfChanged(Evaluations.of("BKV-01", ControlStatus.FAIL))).isTrue();

    assertThat(Db.count(pool, "SELECT count(*) FROM vigil_outbox WHERE subject = $1", "BKV-01"))
        .isEqualTo(2);
    assertThat(
            Db.rows(
                pool, "SELECT status FROM vigil_reported_control WHERE control_id = $1", "BKV-01"))
        .singleElement()
        .satisfies(row -> assertThat(row.getString("status")).isEqualTo("FAIL"));
  }

  @Test
  void shouldEmitAnUnchangedResultAgainOnceMadeDueAndOnlyForTheNamedControls() throws Throwable {
    assertThat(reportIfChanged(Evaluations.of("MNT-04", ControlStatus.PASS))).isTrue();
    assertThat(reportIfChanged(Evaluations.of("ENV-05", ControlStatus.WARN))).isTrue();

    assertThat(makeDue(List.of("MNT-04"))).isEqualTo(1);
    assertThat(reportIfChanged(Evaluations.of("MNT-04", ControlStatus.PASS))).isTrue();
    assertThat(reportIfChanged(Evaluations.of("ENV-05", ControlStatus.WARN))).isFalse();
    assertThat(reportIfChanged(Evaluations.of("MNT-04", ControlStatus.PASS))).isFalse();

    assertThat(makeDue(List.of())).isGreaterThanOrEqualTo(2);
    assertThat(reportIfChanged(Evaluations.of("ENV-05", ControlStatus.WARN))).isTrue();
    assertThat(
            Db.rows(
                pool, "SELECT status FROM vigil_reported_control WHERE control_id = $1", "ENV-05"))
        .singleElement()
        .satisfies(row -> assertThat(row.getString("status")).isEqualTo("WARN"));
  }

  private int makeDue(List<String> controls) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> reporter.makeDue(controls)));
  }

  private boolean reportIfChanged(ControlEvaluation evaluation) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> reporter.reportIfChanged(evaluation)));
  }
}
