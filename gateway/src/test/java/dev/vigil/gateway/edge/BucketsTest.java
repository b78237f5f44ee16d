package dev.vigil.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketsTest {

  private static final EdgeConfig.Limit ONE_PER_SECOND =
      new EdgeConfig.Limit() {
        @Override
        public double perSecond() {
          return 1;
        }

        @Override
        public int burst() {
          return 1;
        }
      };

  @Test
  void shouldTrackAtMostTheLimitAndShareOneOverflowBucket() {
    Buckets buckets = new Buckets(3);
    long now = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      buckets.of("198.51.100." + i, ONE_PER_SECOND, now);
    }
    assertThat(buckets.size()).isEqualTo(4); // three sources and the overflow
    TokenBucket late = buckets.of("203.0.113.1", ONE_PER_SECOND, now);
    assertThat(late).isSameAs(buckets.of("203.0.113.2", ONE_PER_SECOND, now));
    assertThat(late.take(now)).isZero();
    assertThat(buckets.of("203.0.113.3", ONE_PER_SECOND, now).take(now))
        .as("new sources share the overflow's single token")
        .isPositive();
  }

  @Test
  void shouldKeepTrackedKeysAndMakeRoomOnceIdleOnesAreForgotten() {
    Buckets buckets = new Buckets(2);
    long now = System.nanoTime();
    TokenBucket first = buckets.of("a", ONE_PER_SECOND, now);
    buckets.of("b", ONE_PER_SECOND, now + 10);
    buckets.of("c", ONE_PER_SECOND, now + 20);
    assertThat(buckets.of("a", ONE_PER_SECOND, now + 30)).isSameAs(first);

    buckets.forgetUnusedSince(now + 1_000_000_000L);
    assertThat(buckets.size()).isZero();
    assertThat(buckets.of("c", ONE_PER_SECOND, now))
        .isNotSameAs(buckets.of("x", ONE_PER_SECOND, now));
  }
}
