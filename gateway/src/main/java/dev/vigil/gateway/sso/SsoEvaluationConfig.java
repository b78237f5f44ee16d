package dev.vigil.gateway.sso;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How often AUTH-04 is evaluated, how long a result stays valid, and how the platform side (the
 * platform's enterprise application as access-review-service observes it) is judged.
 */
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

  /**
   * How old access-review-service's newest observation of the platform's enterprise application may
   * be; an older one (or none) makes AUTH-04 WARN. Longer than the Entra ID sync interval ({@code
   * vigil.access.sync-interval}, 6h by default) so one missed sync is not a warning.
   */
  @WithDefault("24h")
  Duration platformObservationMaxAge();

  /**
   * A secret or certificate of the platform's application expiring within this makes AUTH-04 WARN,
   * leaving time to rotate it.
   */
  @WithDefault("30d")
  Duration credentialExpiryWarning();
}
