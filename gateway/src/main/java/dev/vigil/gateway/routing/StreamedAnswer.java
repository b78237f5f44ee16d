package dev.vigil.gateway.routing;

import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An upstream's answer whose body is relayed as it arrives ({@link StreamedAnswerWriter}); paused
 * until the writer claims it, or dropped if it never does.
 */
final class StreamedAnswer {

  private final HttpClientResponse response;
  private final AtomicBoolean claimed = new AtomicBoolean();

  StreamedAnswer(HttpClientResponse response) {
    this.response = response;
  }

  /** The answer, for the one writer that claims it; null if it was claimed or dropped already. */
  HttpClientResponse claim() {
    return claimed.compareAndSet(false, true) ? response : null;
  }

  /** Resets the service's connection unless a writer took the answer. */
  void dropUnclaimed() {
    if (claimed.compareAndSet(false, true)) {
      response.request().reset();
    }
  }
}
