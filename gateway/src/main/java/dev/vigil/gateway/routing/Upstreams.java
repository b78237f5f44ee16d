package dev.vigil.gateway.routing;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The services behind {@code /api/v1/...}, each with its own circuit breaker. */
@ApplicationScoped
class Upstreams {

  private static final TypeLiteral<Uni<Answer>> GUARDED = new TypeLiteral<>() {};

  private final RoutingConfig config;
  private final Map<String, Upstream> byPathSegment;

  Upstreams(RoutingConfig config) {
    this.config = config;
    this.byPathSegment =
        Map.of(
            "keys", upstream("key-service", config.keys()),
            "backups", upstream("backup-service", config.backups()),
            "access-reviews", upstream("access-review-service", config.accessReviews()),
            "audit", upstream("audit-log-service", config.audit()));
  }

  /** The service that owns {@code /api/v1/{service}}. */
  Upstream of(String service) {
    return byPathSegment.get(service);
  }

  /**
   * The breaker opens after {@code breaker-failures} failures in a row (a window of that many
   * calls, all failed), stays open for {@code breaker-open-for}, then lets a trial call decide.
   * Every failed call counts (timeouts, connection failures, connections closed mid-answer, 5xx
   * answers, calls given up), except an answer too large to relay: that is no sign of the service's
   * health and counts as a success, so no caller can open the circuit for everyone with it.
   */
  private Upstream upstream(String name, String baseUrl) {
    AtomicLong openedAt = new AtomicLong();
    TypedGuard<Uni<Answer>> breaker =
        TypedGuard.create(GUARDED)
            .withDescription("calls to " + name)
            .withThreadOffload(false)
            .withCircuitBreaker()
            .requestVolumeThreshold(config.breakerFailures())
            .failureRatio(1.0)
            .delay(config.breakerOpenFor().toMillis(), ChronoUnit.MILLIS)
            .successThreshold(1)
            .when(Upstreams::upstreamFailure)
            .onStateChange(
                state -> {
                  if (state == CircuitBreakerState.OPEN) {
                    openedAt.set(System.nanoTime());
                  }
                })
            .done()
            .build();
    return new Upstream(name, baseUrl.replaceAll("/+$", ""), breaker, openedAt);
  }

  private static boolean upstreamFailure(Throwable failure) {
    return !(failure instanceof ResponseTooLarge);
  }
}
