package dev.vigil.gateway.edge;

import dev.vigil.common.http.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses every request whose path is not canonical ({@link CanonicalPath}) with 400 problem+json,
 * before routing. It runs after the per-source rate limit, so refusals are counted and limited like
 * any API call, and the call audit records them ({@code api.path.refused}).
 */
public class CanonicalPaths {

  @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 1)
  Response refuseNonCanonical(HttpServerRequest request) {
    if (CanonicalPath.isCanonical(request.path())) {
      return null;
    }
    return Problem.of(
            Response.Status.BAD_REQUEST,
            "non-canonical-path",
            "The path is not in canonical form: send it without percent-encoded letters, digits"
                + " or marks, dot segments, empty segments or matrix parameters.",
            null)
        .toResponse();
  }
}
