package dev.vigil.gateway.routing;

import java.time.Duration;

/**
 * One upstream's breaker: closed while calls succeed; open (calls refused at once) after a run of
 * failures, for a while; then half-open, letting one trial call decide. Thread-safe.
 */
final class CircuitBreaker {

  private final int threshold;
  private final long openNanos;
  private int failures;
  private long openedAt;
  private boolean open;
  private boolean trialInFlight;

  CircuitBreaker(int threshold, Duration openFor) {
    this.threshold = threshold;
    this.openNanos = openFor.toNanos();
  }

  /**
   * @return 0 when the call may go ahead, else the seconds until the next trial
   */
  synchronized long admit(long now) {
    if (!open) {
      return 0;
    }
    if (now - openedAt >= openNanos && !trialInFlight) {
      trialInFlight = true;
      return 0;
    }
    return Math.max(1, (openNanos - (now - openedAt) + 999_999_999L) / 1_000_000_000L);
  }

  synchronized void succeeded() {
    failures = 0;
    open = false;
    trialInFlight = false;
  }

  /** A call that neither succeeded nor failed (cancelled, or refused before it was sent). */
  synchronized void abandoned() {
    trialInFlight = false;
  }

  synchronized void failed(long now) {
    failures++;
    if (trialInFlight || failures >= threshold) {
      open = true;
      openedAt = now;
    }
    trialInFlight = false;
  }
}
