package dev.vigil.backups;

import static io.restassured.RestAssured.given;

import dev.vigil.common.contract.ServiceContractTest;
import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import dev.vigil.testing.postgres.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestDatabase.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestBroker.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EntraIdTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = BackupEnvironment.class, restrictToAnnotatedClass = false)
class BackupServiceContractTest extends ServiceContractTest {

  @Override
  protected String serviceName() {
    return "backup-service";
  }

  @Override
  protected String ownedControl() {
    return "DB-03";
  }

  private String metricsTarget;

  /** The per-target backup metrics have samples only once a target exists. */
  @Override
  protected void prepareMetrics() {
    metricsTarget = BackupTestSupport.target(BackupTestSupport.name("contract-metrics"), null);
  }

  /** Other tests of this application see no target of ours. */
  @AfterEach
  void removeMetricsTarget() {
    if (metricsTarget != null) {
      given()
          .auth()
          .oauth2(BackupTestSupport.steppedUpAdmin())
          .delete("/api/v1/backups/targets/" + metricsTarget)
          .then()
          .statusCode(204);
      metricsTarget = null;
    }
  }
}
