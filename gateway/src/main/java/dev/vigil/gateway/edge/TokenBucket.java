package dev.vigil.gateway.edge;

/** A token bucket; thread-safe. */
final class TokenBucket {

  private final double perSecond;
  private final int burst;
  private double tokens;
  private long refilledAt;
  private volatile long usedAt;

  TokenBucket(double perSecond, int burst, long now) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = now;
    this.usedAt = now;
  }

  /**
   * Takes one token.
   *
   * @return 0 when taken, else the whole seconds until one is available (at least 1)
   */
  synchronized long take(long now) {
    usedAt = now;
    tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
  }

  long usedAt() {
    return usedAt;
  }
}
