package dev.vigil.common.outbox;

import static org.awaitility.Awaitility.await;

import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.support.Db;
import dev.vigil.common.support.Evaluations;
import dev.vigil.testing.net.TcpProxy;
import dev.vigil.testing.postgres.PostgresTestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

@QuarkusTest
class OutboxRecoveryTest {

  @Inject ComplianceReporter reporter;
  @Inject Pool pool;

  @RepeatedTest(3)
  void shouldPublishAgainSoonAfterADatabaseOutage() {
    TcpProxy database = PostgresTestDatabase.proxy();
    database.cut();
    try {
      // Let relay rounds fail against the unreachable database.
      await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    } finally {
      database.restore();
    }

    OutboxTest.inTransaction(() -> reporter.report(Evaluations.of("ENV-01", ControlStatus.PASS)));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> Db.count(pool, "SELECT count(*) FROM vigil_outbox WHERE sent_at IS NULL") == 0);
  }
}
