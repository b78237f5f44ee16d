package dev.vigil.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** key-service settings ({@code vigil.keys.*}). */
@ConfigMapping(prefix = "vigil.keys")
public interface KeysConfig {

  /**
   * Secret of the keyed fingerprints (HMAC-SHA-256) stored instead of keys, at least 32 characters,
   * from the service's own Kubernetes Secret. Without it an ephemeral one is used and fingerprints
   * are recomputed from the Secrets at every start.
   */
  Optional<String> fingerprintPepper();

  /** Name of the Secret holding an environment's key slots, unless the environment names one. */
  @WithDefault("vigil-keys")
  String defaultSecretName();

  /** How often every environment's Secret is read again and KEY-01..03 re-evaluated. */
  @WithDefault("10m")
  Duration evaluationInterval();

  /** How long one KEY-01..03 evaluation counts. */
  @WithDefault("30m")
  Duration validity();
}
