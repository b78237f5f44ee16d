package dev.vigil.audit;

import dev.vigil.common.contract.ServiceContractTest;
import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = AuditRolesTestDatabase.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestBroker.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EntraIdTestResource.class, restrictToAnnotatedClass = false)
class AuditLogServiceContractTest extends ServiceContractTest {

  @Override
  protected String serviceName() {
    return "audit-log-service";
  }

  @Override
  protected String ownedControl() {
    return "MON-01";
  }
}
