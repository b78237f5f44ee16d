package dev.vigil.gateway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

  /**
   * Addresses or CIDR ranges of the reverse proxies in front of the gateway (the ingress
   * controller's pods), e.g. {@code 10.42.0.0/16}. Only a connection from one of them has its
   * X-Forwarded-For read, and only as far as they wrote it: the right-most address that is not a
   * trusted proxy is the client. Unset: the connection's peer is the client. Env {@code
   * VIGIL_EDGE_TRUSTED_PROXIES} (comma separated).
   */
  Optional<List<String>> trustedProxies();

  /**
   * The most source addresses, and separately callers, that have their own bucket at once. Past it,
   * new ones share one overflow bucket until idle ones are forgotten, so a flood of addresses costs
   * bounded memory.
   */
  @WithDefault("100000")
  int maxTracked();

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
