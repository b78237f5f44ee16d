package dev.vigil.common.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.support.Db;
import dev.vigil.common.support.Evaluations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
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

  private boolean reportIfChanged(ControlEvaluation evaluation) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> reporter.reportIfChanged(evaluation)));
  }
}
