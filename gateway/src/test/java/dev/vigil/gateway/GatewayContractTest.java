package dev.vigil.gateway;

import dev.vigil.common.contract.ServiceContractTest;
import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import dev.vigil.testing.postgres.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestDatabase.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestBroker.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EntraIdTestResource.class, restrictToAnnotatedClass = false)
class GatewayContractTest extends ServiceContractTest {

  @Override
  protected String serviceName() {
    return "gateway";
  }

  @Override
  protected String ownedControl() {
    return "MNT-02";
  }

  @Override
  protected String reevaluatedControl() {
    return "AUTH-04";
  }
}
