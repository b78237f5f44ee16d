package dev.vigil.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay publishes. */
@ConfigMapping(prefix = "vigil.outbox")
public interface OutboxConfig {

  /** Whether this replica relays at all (one replica at a time does, under a database lock). */
  @WithDefault("true")
  boolean relayEnabled();

  /** How often the relay looks for unsent events. */
  @WithDefault("0.2s")
  Duration pollInterval();

  /** How often the backlog metrics are refreshed ({@code vigil.outbox.metrics-interval}). */
  @WithDefault("10s")
  Duration metricsInterval();

  /** Events read and published per relay round. */
  @WithDefault("200")
  int batchSize();

  /** First pause after a failed publish; doubles per failure up to {@link #maxBackoff()}. */
  @WithDefault("0.5s")
  Duration initialBackoff();

  /** Longest pause between publish attempts while Kafka is unreachable. */
  @WithDefault("30s")
  Duration maxBackoff();

  /**
   * How long sent events stay in the table (for diagnosis) before they are deleted; zero deletes
   * them as soon as Kafka acknowledges them (for high-volume producers such as the gateway).
   */
  @WithDefault("7d")
  Duration sentRetention();
}
