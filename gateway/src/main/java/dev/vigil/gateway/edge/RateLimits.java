package dev.vigil.gateway.edge;

import dev.vigil.common.http.Problem;
import dev.vigil.common.security.TokenClaims;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rate limits on every API call: one bucket per source address, and one per authenticated caller
 * (only once the token is verified, so a forged token cannot drain someone else's bucket). Over
 * either limit: 429 problem+json with {@code Retry-After}. Buckets live in memory per replica.
 */
@ApplicationScoped
public class RateLimits {

  private final EdgeConfig config;
  private final MeterRegistry metrics;
  private final SourceAddresses addresses;
  private final Buckets sources;
  private final Buckets principals;

  RateLimits(EdgeConfig config, MeterRegistry metrics, SourceAddresses addresses) {
    this.config = config;
    this.metrics = metrics;
    this.addresses = addresses;
    this.sources = new Buckets(config.maxTracked());
    this.principals = new Buckets(config.maxTracked());
    metrics.gauge(
        "vigil.edge.rate.tracked",
        List.of(Tag.of("limit", "source address")),
        sources,
        Buckets::size);
    metrics.gauge(
        "vigil.edge.rate.tracked", List.of(Tag.of("limit", "caller")), principals, Buckets::size);
  }

  /**
   * Per source address, before anything else happens to the request (non-canonical paths included,
   * before {@link CanonicalPaths} refuses them).
   */
  @ServerRequestFilter(preMatching = true, priority = Priorities.USER)
  Response limitSource(HttpServerRequest request) {
    if (!CanonicalPath.underEdgeControl(request.path())) {
      return null;
    }
    long now = System.nanoTime();
    String source = Objects.requireNonNullElse(addresses.of(request), "unknown");
    long wait = sources.of(source, config.perSource(), now).take(now);
    return wait > 0 ? tooMany("source address", wait, request.path()) : null;
  }

  /**
   * Per caller, once the endpoint's security check has verified the token (an unverified one has no
   * caller to charge).
   */
  @ServerRequestFilter
  Uni<Response> limitCaller(HttpServerRequest request, RoutingContext routing) {
    if (!request.path().startsWith("/api/")) {
      return Uni.createFrom().nullItem();
    }
    // Authentication is lazy: this runs it (once per request; the endpoint reuses the result).
    return QuarkusHttpUser.getSecurityIdentity(routing, null)
        .map(RateLimits::principal)
        .onFailure()
        .recoverWithNull()
        .map(
            principal -> {
              if (principal == null) {
                return null;
              }
              long now = System.nanoTime();
              long wait = principals.of(principal, config.perPrincipal(), now).take(now);
              return wait > 0 ? tooMany("caller", wait, request.path()) : null;
            });
  }

  private Response tooMany(String limit, long retryAfter, String path) {
    metrics.counter("vigil.edge.rate.limited", "limit", limit).increment();
    Response problem =
        Problem.of(
                Response.Status.TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests from this " + limit + "; retry after " + retryAfter + " s.",
                path)
            .toResponse();
    problem.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    return problem;
  }

  private static String principal(SecurityIdentity identity) {
    if (identity == null
        || identity.isAnonymous()
        || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return null;
    }
    Object tenant = TokenClaims.value(token, "tid");
    Object oid = TokenClaims.value(token, "oid");
    Object app = TokenClaims.value(token, "azp");
    return tenant + "/" + (oid != null ? oid : app);
  }

  @Scheduled(every = "1m", identity = "rate-limit-eviction")
  void forgetIdle() {
    long cutoff = System.nanoTime() - config.idleAfter().toNanos();
    sources.forgetUnusedSince(cutoff);
    principals.forgetUnusedSince(cutoff);
  }
}
