package dev.vigil.gateway.routing;

import dev.vigil.common.correlation.CorrelationId;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.ConnectException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One call to a service: the caller's token, content headers and correlation ID sent on, the answer
 * read in full or, for large GET answers, handed over to be streamed. Connection failures of
 * idempotent calls are retried once; the whole answer has a deadline; a 5xx answer fails the call
 * ({@link UpstreamFailed}), so the breaker counts it.
 */
@ApplicationScoped
class UpstreamCall {

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

  UpstreamCall(RoutingConfig config, Vertx vertx) {
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
  }

  /**
   * @param target the path (and query) on the service, as the caller sent it
   * @param body the request body, or null
   */
  Uni<Answer> send(
      Upstream upstream,
      String method,
      String target,
      HttpHeaders headers,
      byte[] body,
      String correlation) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(method))
            .setAbsoluteURI(upstream.baseUrl() + target)
            .setTimeout(config.requestTimeout().toMillis())
            .putHeader(CorrelationId.HEADER, correlation);
    for (String header : REQUEST_HEADERS) {
      String value = headers.getHeaderString(header);
      if (value != null) {
        request.putHeader(header, value);
      }
    }
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
      call = call.onFailure(UpstreamCall::notConnected).retry().atMost(1);
    }
    // The request timeout above is an idle timeout; this is the deadline for the whole answer
    // (for a streamed answer: its status and headers).
    return upstream.guard(
        call.ifNoItem()
            .after(config.requestTimeout())
            .failWith(() -> new TimeoutException("no complete answer in time"))
            .map(
                answer -> {
                  if (answer.status() >= 500) {
                    throw new UpstreamFailed(answer);
                  }
                  return answer;
                }));
  }

  /** Whether the call failed for want of a connection (the service is down or unreachable). */
  static boolean notConnected(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  private Uni<Answer> read(HttpClientResponse response, long maxBytes, boolean mayStream) {
    Map<String, String> kept = new HashMap<>();
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
}
