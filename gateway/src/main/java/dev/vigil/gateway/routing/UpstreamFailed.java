package dev.vigil.gateway.routing;

/** A 5xx answer: a failure for the breaker, then relayed or turned into a 502. */
final class UpstreamFailed extends RuntimeException {

  private final transient Answer answer;

  UpstreamFailed(Answer answer) {
    super("HTTP " + answer.status(), null, false, false);
    this.answer = answer;
  }

  Answer answer() {
    return answer;
  }
}
