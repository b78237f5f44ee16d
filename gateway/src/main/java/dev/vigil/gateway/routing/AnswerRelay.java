package dev.vigil.gateway.routing;

import dev.vigil.common.correlation.CorrelationId;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** A service's answer as the caller gets it. */
final class AnswerRelay {

  private AnswerRelay() {}

  /**
   * The answer with its kept headers, or a 502 for a server error other than 502, 503 and 504
   * (whose meaning, bad gateway, unavailable or timed out, holds for the caller too).
   */
  static Response relay(Upstream upstream, Answer answer, String path, String correlation) {
    int status = answer.status();
    if (status == 500 || status == 501 || status > 504) {
      return UpstreamProblems.problem(
          Response.Status.BAD_GATEWAY,
          "upstream-error",
          upstream.name() + " failed to answer (HTTP " + status + ")",
          path,
          correlation,
          0);
    }
    Response.ResponseBuilder relayed =
        Response.status(status)
            .entity(answer.streamed() != null ? answer.streamed() : answer.body());
    // A Location naming the service's own address would leak it: callers get the path only.
    answer
        .headers()
        .forEach(
            (name, value) ->
                relayed.header(
                    name,
                    HttpHeaders.LOCATION.equals(name) && value.startsWith(upstream.baseUrl())
                        ? value.substring(upstream.baseUrl().length())
                        : value));
    return relayed.header(CorrelationId.HEADER, correlation).build();
  }
}
