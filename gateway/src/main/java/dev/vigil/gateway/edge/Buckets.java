package dev.vigil.gateway.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a source address, a caller), at most {@code maxKeys} of them. Once full, a
 * key not yet tracked shares one overflow bucket with every other such key until idle ones are
 * forgotten: a flood of new addresses costs bounded memory and throttles itself, never the keys
 * already tracked.
 */
final class Buckets {

  static final String OVERFLOW = "(overflow)";

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final int maxKeys;

  Buckets(int maxKeys) {
    this.maxKeys = maxKeys;
  }

  /** The key's bucket, created when there is room, else the shared overflow bucket. */
  TokenBucket of(String key, EdgeConfig.Limit limit, long now) {
    TokenBucket bucket = buckets.get(key);
    if (bucket != null) {
      return bucket;
    }
    String tracked = buckets.size() < maxKeys ? key : OVERFLOW;
    return buckets.computeIfAbsent(
        tracked, k -> new TokenBucket(limit.perSecond(), limit.burst(), now));
  }

  void forgetUnusedSince(long cutoff) {
    buckets.values().removeIf(b -> b.usedAt() < cutoff);
  }

  int size() {
    return buckets.size();
  }
}
