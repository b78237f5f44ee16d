package dev.vigil.common.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How consumers handle redelivery and transient failures. */
@ConfigMapping(prefix = "vigil.inbox")
public interface InboxConfig {

  /**
   * How long a processed event id is remembered. Must exceed the longest redelivery window (topic
   * retention and consumer lag); Kafka's default retention is 7 days.
   */
  @WithDefault("30d")
  Duration retention();

  /**
   * How long a valid event is retried while processing fails for a transient reason (database
   * down). The partition waits meanwhile, keeping order; after this the event is dead-lettered.
   */
  @WithDefault("5m")
  Duration retryFor();
}
