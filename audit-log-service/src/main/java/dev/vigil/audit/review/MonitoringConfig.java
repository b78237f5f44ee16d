package dev.vigil.audit.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What MON-01..MON-04 require. */
@ConfigMapping(prefix = "vigil.audit.monitoring")
public interface MonitoringConfig {

  /** The audit log must have been reviewed within this period (MON-01). */
  @WithDefault("7d")
  Duration reviewPeriod();

  /** High and critical alerts must be acknowledged within this time. */
  @WithDefault("24h")
  Duration acknowledgeWithin();

  /**
   * How often the controls are re-evaluated (they are also evaluated on every review and
   * acknowledgement).
   */
  @WithDefault("1m")
  Duration evaluationInterval();
}
