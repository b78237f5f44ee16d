package dev.vigil.gateway.sso;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often AUTH-04 is evaluated and how long a result stays valid. */
@ConfigMapping(prefix = "vigil.sso")
public interface SsoEvaluationConfig {

  /** Time between evaluations. */
  @WithDefault("5m")
  Duration evaluationInterval();

  /** Delay of the first evaluation after start. */
  @WithDefault("10s")
  Duration initialDelay();

  /** How long one evaluation counts; longer than the interval so a missed run is not a gap. */
  @WithDefault("15m")
  Duration validity();
}
