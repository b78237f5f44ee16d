package dev.vigil.gateway.routing;

import dev.vigil.common.correlation.CorrelationId;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The one API: {@code /api/v1/keys}, {@code /backups}, {@code /access-reviews} and {@code /audit}
 * go to the owning service ({@link Upstreams}) with the caller's token and the call's correlation
 * ID ({@link UpstreamCall}). An upstream that is down, slow or failing answers 503, 504 or 502
 * problem+json ({@link UpstreamProblems}), never a hang.
 */
@Path("/api/v1/{service: keys|backups|access-reviews|audit}")
@Tag(name = "Routing")
@Authenticated
public class ApiRouter {

  private final Upstreams upstreams;
  private final UpstreamCall call;
  private final UpstreamProblems problems;

  ApiRouter(Upstreams upstreams, UpstreamCall call, UpstreamProblems problems) {
    this.upstreams = upstreams;
    this.call = call;
    this.problems = problems;
  }

  @GET
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service (see its OpenAPI for the operations)")
  public Uni<Response> get(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      RoutingContext routing) {
    // JAX-RS serves HEAD with this method; the service gets a HEAD too, not a body to discard.
    String method = routing.request().method() == HttpMethod.HEAD ? "HEAD" : "GET";
    return forward(method, service, routing, uri, headers, null);
  }

  @POST
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service")
  public Uni<Response> post(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      RoutingContext routing,
      byte[] body) {
    return forward("POST", service, routing, uri, headers, body);
  }

  @PUT
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service")
  public Uni<Response> put(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      RoutingContext routing,
      byte[] body) {
    return forward("PUT", service, routing, uri, headers, body);
  }

  @PATCH
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service")
  public Uni<Response> patch(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      RoutingContext routing,
      byte[] body) {
    return forward("PATCH", service, routing, uri, headers, body);
  }

  @DELETE
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service")
  public Uni<Response> delete(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      RoutingContext routing) {
    return forward("DELETE", service, routing, uri, headers, null);
  }

  private Uni<Response> forward(
      String method,
      String service,
      RoutingContext routing,
      UriInfo uri,
      HttpHeaders headers,
      byte[] body) {
    Upstream upstream = upstreams.of(service);
    String path = uri.getPath();
    String correlation = CorrelationId.of(routing);
    // The request line as sent: JAX-RS's URIs are rebuilt from the decoded path.
    String requestTarget = routing.request().uri();
    int queryStart = requestTarget.indexOf('?');
    String rawPath = queryStart < 0 ? requestTarget : requestTarget.substring(0, queryStart);
    String forwardedPath = ForwardedPath.of(rawPath, "/api/v1/" + service);
    if (forwardedPath == null) {
      return Uni.createFrom()
          .item(
              UpstreamProblems.problem(
                  Response.Status.BAD_REQUEST,
                  "bad-path",
                  "the path has dot segments or encoded slashes, which are not routed",
                  path,
                  correlation,
                  0));
    }
    String query = queryStart < 0 ? "" : requestTarget.substring(queryStart);
    return call.send(upstream, method, forwardedPath + query, headers, body, correlation)
        .map(answer -> AnswerRelay.relay(upstream, answer, path, correlation))
        .onFailure()
        .recoverWithItem(failure -> problems.of(upstream, failure, path, correlation));
  }
}
