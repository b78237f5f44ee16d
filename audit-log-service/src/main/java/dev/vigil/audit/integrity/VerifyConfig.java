package dev.vigil.audit.integrity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How much verification one replica runs at once. */
@ConfigMapping(prefix = "vigil.audit.verify")
public interface VerifyConfig {

  /**
   * Verifications (each reads the whole log or a range of it) one replica runs at the same time;
   * further requests get 429 with Retry-After instead of queueing more full reads of the log.
   */
  @WithDefault("1")
  int concurrent();

  /** What a refused request is told to wait before trying again (Retry-After). */
  @WithDefault("30s")
  Duration retryAfter();
}
