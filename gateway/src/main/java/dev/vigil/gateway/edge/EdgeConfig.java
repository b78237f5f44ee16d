package dev.vigil.gateway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Rate limits at the API edge ({@code vigil.edge.*}). */
@ConfigMapping(prefix = "vigil.edge")
public interface EdgeConfig {

  /** Requests per authenticated caller (token {@code oid}, else {@code azp}). */
  Limit perPrincipal();

  /**
   * Requests per source address, whoever the caller is (authenticated or not). Behind an ingress
   * the address is the client's, from X-Forwarded-For sent by a trusted proxy.
   */
  SourceLimit perSource();

  /** Callers and addresses idle this long are forgotten. */
  @WithDefault("10m")
  Duration idleAfter();

  /** Per source address: higher than per caller, since several callers may share one address. */
  interface SourceLimit extends Limit {
    @Override
    @WithDefault("50")
    double perSecond();

    @Override
    @WithDefault("200")
    int burst();
  }

  /** A token bucket: {@code burst} requests at once, refilled at {@code per-second}. */
  interface Limit {
    /** Sustained requests per second. */
    @WithDefault("20")
    double perSecond();

    /** Requests allowed at once. */
    @WithDefault("100")
    int burst();
  }
}
