package dev.vigil.gateway.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the gateway routes each part of the API ({@code vigil.routes.*}). */
@ConfigMapping(prefix = "vigil.routes")
public interface RoutingConfig {

  /** key-service, for {@code /api/v1/keys/**}. */
  @WithDefault("http://127.0.0.1:8081")
  String keys();

  /** backup-service, for {@code /api/v1/backups/**}. */
  @WithDefault("http://127.0.0.1:8082")
  String backups();

  /** access-review-service, for {@code /api/v1/access-reviews/**}. */
  @WithDefault("http://127.0.0.1:8083")
  String accessReviews();

  /** audit-log-service, for {@code /api/v1/audit/**}. */
  @WithDefault("http://127.0.0.1:8084")
  String audit();

  /** How long a connection to an upstream may take. */
  @WithDefault("2s")
  Duration connectTimeout();

  /** How long an upstream may take to answer before the caller gets 504. */
  @WithDefault("15s")
  Duration requestTimeout();

  /**
   * GET answers larger than this, or of unknown length, are streamed to the caller as they arrive
   * instead of being read in full first (audit exports, backup downloads).
   */
  @WithDefault("1M")
  MemorySize streamAbove();

  /**
   * The largest answer the gateway reads in full before relaying it (every answer that is not
   * streamed); larger ones give 502.
   */
  @WithDefault("32M")
  MemorySize maxResponseSize();

  /** Pooled keep-alive connections per upstream. */
  @WithDefault("64")
  int maxConnections();

  /** Consecutive failures (connection errors, timeouts, 5xx) that open an upstream's breaker. */
  @WithDefault("5")
  int breakerFailures();

  /** How long an open breaker answers 503 at once before one trial call goes through. */
  @WithDefault("30s")
  Duration breakerOpenFor();
}
