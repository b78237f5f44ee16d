package dev.vigil.gateway.routing;

import dev.vigil.common.correlation.CorrelationId;
import dev.vigil.common.http.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * A failed call as problem+json: 503 with {@code Retry-After} for a service that is down or whose
 * circuit is open, 504 for one too slow, 502 for one that failed or answered too much.
 */
@ApplicationScoped
class UpstreamProblems {

  private final RoutingConfig config;

  UpstreamProblems(RoutingConfig config) {
    this.config = config;
  }

  Response of(Upstream upstream, Throwable failure, String path, String correlation) {
    if (failure instanceof UpstreamFailed failedAnswer) {
      return AnswerRelay.relay(upstream, failedAnswer.answer(), path, correlation);
    }
    if (failure instanceof CircuitBreakerOpenException) {
      long retryAfter = upstream.secondsUntilTrial(config.breakerOpenFor().toNanos());
      return problem(
          Response.Status.SERVICE_UNAVAILABLE,
          "upstream-unavailable",
          upstream.name() + " is failing; its circuit is open, retry after " + retryAfter + " s",
          path,
          correlation,
          retryAfter);
    }
    if (failure instanceof TimeoutException) {
      return problem(
          Response.Status.GATEWAY_TIMEOUT,
          "upstream-timeout",
          upstream.name() + " did not answer within " + config.requestTimeout().toSeconds() + " s",
          path,
          correlation,
          0);
    }
    if (UpstreamCall.notConnected(failure)) {
      return problem(
          Response.Status.SERVICE_UNAVAILABLE,
          "upstream-unavailable",
          upstream.name() + " cannot be reached",
          path,
          correlation,
          1);
    }
    return problem(
        Response.Status.BAD_GATEWAY,
        "upstream-error",
        failure instanceof ResponseTooLarge
            ? upstream.name()
                + "'s answer is larger than vigil.routes.max-response-size ("
                + config.maxResponseSize().asLongValue()
                + " bytes)"
            : "the call to " + upstream.name() + " could not be completed",
        path,
        correlation,
        0);
  }

  /** A problem+json answer carrying the correlation ID, and {@code Retry-After} when positive. */
  static Response problem(
      Response.Status status,
      String slug,
      String detail,
      String path,
      String correlation,
      long retryAfter) {
    Response response = Problem.of(status, slug, detail, path).toResponse();
    response.getHeaders().putSingle(CorrelationId.HEADER, correlation);
    if (retryAfter > 0) {
      response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }
    return response;
  }
}
