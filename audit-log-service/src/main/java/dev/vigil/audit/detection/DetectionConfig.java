package dev.vigil.audit.detection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Detection thresholds. Defaults follow common practice for sign-in attack detection (account
 * lockout guidance and the credential-stuffing and spraying heuristics of OWASP and Microsoft).
 */
@ConfigMapping(prefix = "vigil.audit.detection")
public interface DetectionConfig {

  /** A repeat of the same alert (rule and subject) within this time is counted, not raised. */
  @WithDefault("15m")
  Duration cooldown();

  /** Brute force: failed sign-ins for one account from one source. */
  @WithDefault("8")
  int bruteForceThreshold();

  @WithDefault("120s")
  Duration bruteForceWindow();

  /** Password spraying: distinct accounts failing from one source. */
  @WithDefault("10")
  int sprayingThreshold();

  @WithDefault("30m")
  Duration sprayingWindow();

  /** Credential stuffing: distinct accounts failing from one source ... */
  @WithDefault("20")
  int stuffingAccountsThreshold();

  /** ... or distinct sources failing for one account. */
  @WithDefault("5")
  int stuffingSourcesThreshold();

  @WithDefault("1h")
  Duration stuffingWindow();

  /** Possible compromise: a successful sign-in after this many failures for the account. */
  @WithDefault("5")
  int successAfterFailuresThreshold();

  @WithDefault("15m")
  Duration successAfterFailuresWindow();

  /** Device authentication failures per device (MON-03). */
  @WithDefault("5")
  int deviceFailuresThreshold();

  @WithDefault("10m")
  Duration deviceFailuresWindow();

  /** Consecutive failed health checks of one integration (MON-04). */
  @WithDefault("3")
  int integrationFailuresThreshold();
}
