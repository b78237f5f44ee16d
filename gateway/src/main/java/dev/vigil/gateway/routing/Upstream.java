package dev.vigil.gateway.routing;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One service: its address and its circuit breaker (SmallRye Fault Tolerance), with the time the
 * breaker last opened, for {@code Retry-After}.
 */
record Upstream(String name, String baseUrl, TypedGuard<Uni<Answer>> breaker, AtomicLong openedAt) {

  /** The call through the breaker: refused at once while it is open, counted when it ends. */
  Uni<Answer> guard(Uni<Answer> call) {
    return Uni.createFrom().deferred(() -> breaker.get(() -> call));
  }

  /** At least 1: an open circuit that is due for its trial is still open until a call tries it. */
  long secondsUntilTrial(long openForNanos) {
    long left = openForNanos - (System.nanoTime() - openedAt.get());
    return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
  }
}
