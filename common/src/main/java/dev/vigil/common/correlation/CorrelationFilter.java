package dev.vigil.common.correlation;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every {@code /api} request a correlation ID before anything else handles it (rate limits,
 * authentication and refusals included, so their audit events carry one too), and echoes it in the
 * response, streamed ones included.
 */
@ApplicationScoped
public class CorrelationFilter {

  // Above Quarkus's own HTTP filters (CORS, security headers): the ID exists before they answer.
  private static final int PRIORITY = 50_000;

  void register(@Observes Filters filters) {
    filters.register(CorrelationFilter::assign, PRIORITY);
  }

  static void assign(RoutingContext request) {
    String path = request.request().path();
    if (path != null && path.startsWith("/api/")) {
      String id = CorrelationId.acceptOrCreate(request.request().getHeader(CorrelationId.HEADER));
      request.put(CorrelationId.CONTEXT_KEY, id);
      request.addHeadersEndHandler(
          ended -> request.response().headers().set(CorrelationId.HEADER, id));
    }
    request.next();
  }
}
