package dev.vigil.bench;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * An in-JVM KRaft broker for a benchmark's service, as the tests use (no ./vigil build needed).
 * Arguments: Kafka port, controller port. Runs until killed.
 */
public final class BenchKafka {

  private BenchKafka() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker()
            .withNodeId(0)
            .withKafkaHost("127.0.0.1")
            .withKafkaPort(Integer.parseInt(args[0]))
            .withControllerPort(Integer.parseInt(args[1]))
            .withDeleteLogDirsOnClose(true)
            .withAdditionalProperties(props -> props.put("group.initial.rebalance.delay.ms", "0"))
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    System.out.println("kafka-ready " + broker.getAdvertisedListeners());
    Thread.currentThread().join();
  }
}
