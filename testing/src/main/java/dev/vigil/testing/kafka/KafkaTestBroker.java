package dev.vigil.testing.kafka;

import dev.vigil.testing.net.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.Map;

/**
 * A real Kafka broker (Kafka's own KRaft server) in the test JVM on fixed loopback ports, so a test
 * can stop it and start it again at the same address to simulate an outage. Injects a {@link
 * KafkaCompanion} into test fields of that type.
 */
public class KafkaTestBroker implements QuarkusTestResourceLifecycleManager {

  private static volatile KafkaTestBroker running;

  private final int kafkaPort = FreePorts.next();
  private final int controllerPort = FreePorts.next();
  private EmbeddedKafkaBroker broker;
  private KafkaCompanion companion;

  /** The broker of the current test run. */
  public static KafkaTestBroker running() {
    if (running == null) {
      throw new IllegalStateException("KafkaTestBroker is not running");
    }
    return running;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  public KafkaCompanion companion() {
    return companion;
  }

  /** Stops the broker; clients see the address refuse connections. */
  public synchronized void stopBroker() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  /** Starts a fresh broker at the same address. */
  public synchronized void startBroker() {
    if (broker == null) {
      broker =
          new EmbeddedKafkaBroker()
              .withNodeId(0)
              .withKafkaHost("127.0.0.1")
              .withKafkaPort(kafkaPort)
              .withControllerPort(controllerPort)
              .withDeleteLogDirsOnClose(true)
              .withAdditionalProperties(
                  props -> {
                    props.put("group.initial.rebalance.delay.ms", "0");
                    props.put("num.partitions", "3");
                  })
              .start();
    }
  }

  @Override
  public Map<String, String> start() {
    startBroker();
    companion = new KafkaCompanion(bootstrapServers(), Duration.ofSeconds(20));
    running = this;
    return Map.of("kafka.bootstrap.servers", bootstrapServers());
  }

  @Override
  public void stop() {
    if (companion != null) {
      companion.close();
    }
    stopBroker();
    running = null;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(companion, new TestInjector.MatchesType(KafkaCompanion.class));
  }
}
