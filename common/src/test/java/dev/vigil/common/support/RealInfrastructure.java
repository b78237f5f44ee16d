package dev.vigil.common.support;

import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import dev.vigil.testing.postgres.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test in this module runs against real PostgreSQL (behind a cuttable proxy) and Kafka. */
@QuarkusTestResource(
    value = PostgresTestDatabase.class,
    initArgs = @ResourceArg(name = "proxied", value = "true"),
    restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestBroker.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EntraIdTestResource.class, restrictToAnnotatedClass = false)
public final class RealInfrastructure {

  private RealInfrastructure() {}
}
