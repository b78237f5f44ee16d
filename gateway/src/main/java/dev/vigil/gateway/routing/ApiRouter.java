package dev.vigil.gateway.routing;

import dev.vigil.common.http.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.util.TypeLiteral;
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
import java.net.ConnectException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The one API: {@code /api/v1/keys}, {@code /backups}, {@code /access-reviews} and {@code /audit}
 * go to the owning service with the caller's token and a correlation ID. Each upstream has a
 * timeout and a circuit breaker; connection failures of idempotent calls are retried once. An
 * upstream that is down, slow or failing answers 503, 504 or 502 problem+json, never a hang.
 */
@Path("/api/v1/{service: keys|backups|access-reviews|audit}")
@Tag(name = "Routing")
@Authenticated
public class ApiRouter {

  static final String CORRELATION = "X-Correlation-ID";
  private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final List<String> REQUEST_HEADERS =
      List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT);
  private static final List<String> RESPONSE_HEADERS =
      List.of(
          HttpHeaders.CONTENT_TYPE,
          HttpHeaders.RETRY_AFTER,
          HttpHeaders.WWW_AUTHENTICATE,
          HttpHeaders.LOCATION,
          "Content-Disposition",
          "Vigil-Backup-Id");
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");

  private final RoutingConfig config;
  private final Vertx vertx;
  private final HttpClient client;
  private final Map<String, Upstream> upstreams;

  /**
   * One service: its address and its circuit breaker (SmallRye Fault Tolerance), with the time the
   * breaker last opened, for {@code Retry-After}.
   */
  private record Upstream(
      String name, String baseUrl, TypedGuard<Uni<Answer>> breaker, AtomicLong openedAt) {}

  private static final TypeLiteral<Uni<Answer>> GUARDED = new TypeLiteral<>() {};

  /**
   * An upstream's answer: read in full (API responses are small JSON documents), or, for large GET
   * answers, its status and headers with the body still to be streamed ({@code body} null).
   */
  private record Answer(
      int status, Map<String, String> headers, byte[] body, StreamedAnswer streamed) {}

  ApiRouter(RoutingConfig config, Vertx vertx) {
    this.config = config;
    this.vertx = vertx;
    // Vert.x's client runs on the event loop with pooled keep-alive connections: no thread hop
    // per call, which the JDK client costs.
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(config.maxConnections()));
    this.upstreams =
        Map.of(
            "keys", upstream("key-service", config.keys()),
            "backups", upstream("backup-service", config.backups()),
            "access-reviews", upstream("access-review-service", config.accessReviews()),
            "audit", upstream("audit-log-service", config.audit()));
  }

  /**
   * The breaker opens after {@code breaker-failures} failures in a row (a window of that many
   * calls, all failed), stays open for {@code breaker-open-for}, then lets a trial call decide.
   * Every failed call counts (timeouts, connection failures, connections closed mid-answer, 5xx
   * answers, calls given up), except an answer too large to relay: that is no sign of the service's
   * health and counts as a success, so no caller can open the circuit for everyone with it.
   */
  private Upstream upstream(String name, String baseUrl) {
    AtomicLong openedAt = new AtomicLong();
    TypedGuard<Uni<Answer>> breaker =
        TypedGuard.create(GUARDED)
            .withDescription("calls to " + name)
            .withThreadOffload(false)
            .withCircuitBreaker()
            .requestVolumeThreshold(config.breakerFailures())
            .failureRatio(1.0)
            .delay(config.breakerOpenFor().toMillis(), ChronoUnit.MILLIS)
            .successThreshold(1)
            .when(ApiRouter::upstreamFailure)
            .onStateChange(
                state -> {
                  if (state == CircuitBreakerState.OPEN) {
                    openedAt.set(System.nanoTime());
                  }
                })
            .done()
            .build();
    return new Upstream(name, baseUrl.replaceAll("/+$", ""), breaker, openedAt);
  }

  private static boolean upstreamFailure(Throwable failure) {
    return !(failure instanceof ResponseTooLarge);
  }

  @GET
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service (see its OpenAPI for the operations)")
  public Uni<Response> get(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      HttpServerRequest request) {
    // JAX-RS serves HEAD with this method; the service gets a HEAD too, not a body to discard.
    String method = request.method() == HttpMethod.HEAD ? "HEAD" : "GET";
    return forward(method, service, request, uri, headers, null);
  }

  @POST
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service")
  public Uni<Response> post(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      HttpServerRequest request,
      byte[] body) {
    return forward("POST", service, request, uri, headers, body);
  }

  @PUT
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service")
  public Uni<Response> put(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      HttpServerRequest request,
      byte[] body) {
    return forward("PUT", service, request, uri, headers, body);
  }

  @PATCH
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service")
  public Uni<Response> patch(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      HttpServerRequest request,
      byte[] body) {
    return forward("PATCH", service, request, uri, headers, body);
  }

  @DELETE
  @Path("{rest: .*}")
  @Operation(summary = "Routed to the owning service")
  public Uni<Response> delete(
      @PathParam("service") String service,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      HttpServerRequest request) {
    return forward("DELETE", service, request, uri, headers, null);
  }

  private Uni<Response> forward(
      String method,
      String service,
      HttpServerRequest incoming,
      UriInfo uri,
      HttpHeaders headers,
      byte[] body) {
    Upstream upstream = upstreams.get(service);
    String path = uri.getPath();
    String correlation = headers.getHeaderString(CORRELATION);
    if (correlation == null || !CORRELATION_ID.matcher(correlation).matches()) {
      correlation = UUID.randomUUID().toString();
    }
    // The request line as sent: JAX-RS's URIs are rebuilt from the decoded path.
    String requestTarget = incoming.uri();
    int queryStart = requestTarget.indexOf('?');
    String rawPath = queryStart < 0 ? requestTarget : requestTarget.substring(0, queryStart);
    String forwardedPath = ForwardedPath.of(rawPath, "/api/v1/" + service);
    if (forwardedPath == null) {
      return Uni.createFrom()
          .item(
              problem(
                  Response.Status.BAD_REQUEST,
                  "bad-path",
                  "the path has dot segments or encoded slashes, which are not routed",
                  path,
                  correlation,
                  0));
    }
    String query = queryStart < 0 ? null : requestTarget.substring(queryStart + 1);
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(method))
            .setAbsoluteURI(upstream.baseUrl() + forwardedPath + (query == null ? "" : "?" + query))
            .setTimeout(config.requestTimeout().toMillis())
            .putHeader(CORRELATION, correlation);
    for (String header : REQUEST_HEADERS) {
      String value = headers.getHeaderString(header);
      if (value != null) {
        request.putHeader(header, value);
      }
    }
    String id = correlation;
    long maxBytes = config.maxResponseSize().asLongValue();
    boolean mayStream = "GET".equals(method);
    Uni<Answer> call =
        client
            .request(request)
            .chain(
                sent ->
                    body == null || body.length == 0 ? sent.send() : sent.send(Buffer.buffer(body)))
            .chain(response -> read(response, maxBytes, mayStream));
    if (IDEMPOTENT.contains(method)) {
      call = call.onFailure(ApiRouter::notConnected).retry().atMost(1);
    }
    // The request timeout above is an idle timeout; this is the deadline for the whole answer
    // (for a streamed answer: its status and headers).
    Uni<Answer> guarded =
        call.ifNoItem()
            .after(config.requestTimeout())
            .failWith(() -> new TimeoutException("no complete answer in time"))
            .map(
                answer -> {
                  if (answer.status() >= 500) {
                    throw new UpstreamFailed(answer);
                  }
                  return answer;
                });
    return Uni.createFrom()
        .deferred(() -> upstream.breaker().get(() -> guarded))
        .map(answer -> relay(upstream, answer, path, id))
        .onFailure()
        .recoverWithItem(failure -> failed(upstream, failure, path, id));
  }

  /** A 5xx answer: a failure for the breaker, then relayed or turned into a 502. */
  private static final class UpstreamFailed extends RuntimeException {
    private final transient Answer answer;

    UpstreamFailed(Answer answer) {
      super("HTTP " + answer.status(), null, false, false);
      this.answer = answer;
    }
  }

  private Uni<Answer> read(HttpClientResponse response, long maxBytes, boolean mayStream) {
    Map<String, String> kept = new java.util.HashMap<>();
    for (String header : RESPONSE_HEADERS) {
      String value = response.getHeader(header);
      if (value != null) {
        kept.put(header, value);
      }
    }
    if (mayStream
        && hasBody(response.statusCode())
        && larger(response, config.streamAbove().asLongValue())) {
      // Held until the writer takes it, so no chunk arrives before anyone is there to relay it.
      response.pause();
      StreamedAnswer streamed = new StreamedAnswer(response.getDelegate());
      // Should it never reach the writer (the caller hung up, the deadline won a race, an error
      // replaced the response), the service's connection is dropped rather than left paused.
      vertx.setTimer(config.requestTimeout().toMillis(), fired -> streamed.dropUnclaimed());
      return Uni.createFrom().item(new Answer(response.statusCode(), kept, null, streamed));
    }
    return response
        .toMulti()
        .collect()
        .in(
            io.vertx.core.buffer.Buffer::buffer,
            (collected, chunk) -> {
              if (collected.length() + chunk.length() > maxBytes) {
                throw new ResponseTooLarge(maxBytes);
              }
              collected.appendBuffer(chunk.getDelegate());
            })
        .map(buffer -> new Answer(response.statusCode(), kept, buffer.getBytes(), null));
  }

  /** 2xx answers that carry a body: 204 and 205 never do, and other classes are not streamed. */
  private static boolean hasBody(int status) {
    return status >= 200 && status < 300 && status != 204 && status != 205;
  }

  /** Whether the answer's declared length exceeds the limit, or it declares none. */
  private static boolean larger(HttpClientResponse response, long limit) {
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return true;
    }
    try {
      return Long.parseLong(length.strip()) > limit;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private Response relay(Upstream upstream, Answer answer, String path, String correlation) {
    int status = answer.status();
    if (status == 500 || status == 501 || status > 504) {
      return problem(
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
    return relayed.header(CORRELATION, correlation).build();
  }

  private Response failed(Upstream upstream, Throwable failure, String path, String correlation) {
    if (failure instanceof UpstreamFailed failedAnswer) {
      return relay(upstream, failedAnswer.answer, path, correlation);
    }
    if (failure instanceof CircuitBreakerOpenException) {
      long retryAfter = secondsUntilTrial(upstream);
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
    if (notConnected(failure)) {
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

  /** At least 1: an open circuit that is due for its trial is still open until a call tries it. */
  private long secondsUntilTrial(Upstream upstream) {
    long left = config.breakerOpenFor().toNanos() - (System.nanoTime() - upstream.openedAt().get());
    return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
  }

  private static boolean notConnected(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  private static Response problem(
      Response.Status status,
      String slug,
      String detail,
      String path,
      String correlation,
      long retryAfter) {
    Response response = Problem.of(status, slug, detail, path).toResponse();
    response.getHeaders().putSingle(CORRELATION, correlation);
    if (retryAfter > 0) {
      response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }
    return response;
  }
}
