package dev.vigil.gateway.routing;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.testing.net.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for key-service: it answers with what it received. Backups point
 * at a port nobody listens on; requests under {@code /slow} take 3 s. {@code /export?bytes=N} sends
 * N bytes of {@link #exportLine numbered lines} without a length (chunked); {@code
 * /export-broken?bytes=N} breaks the connection after half of them.
 */
public class FakeUpstream implements QuarkusTestResourceLifecycleManager {

  static final AtomicInteger REQUESTS = new AtomicInteger();

  /** Exports whose caller went away mid-answer (the gateway reset the connection). */
  static final AtomicInteger EXPORTS_CUT_BY_CALLER = new AtomicInteger();

  /** The method of the last export request. */
  static volatile String lastExportMethod;

  /** While set, requests under {@code /flaky} answer 500. */
  static final java.util.concurrent.atomic.AtomicBoolean FLAKY_FAILING =
      new java.util.concurrent.atomic.AtomicBoolean();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          REQUESTS.incrementAndGet();
          String path = exchange.getRequestURI().getPath();
          if (path.contains("/export")) {
            export(exchange, path.contains("/export-broken"));
            return;
          }
          if (path.contains("/slow")) {
            try {
              Thread.sleep(3000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] received = exchange.getRequestBody().readAllBytes();
          String echo =
              "{\"method\":\""
                  + exchange.getRequestMethod()
                  + "\",\"path\":\""
                  + path
                  + "\",\"query\":\""
                  + exchange.getRequestURI().getRawQuery()
                  + "\",\"authorization\":\""
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + "\",\"correlation\":\""
                  + exchange.getRequestHeaders().getFirst("X-Correlation-ID")
                  + "\",\"body\":\""
                  + new String(received, StandardCharsets.UTF_8).replace("\"", "'")
                  + "\"}";
          byte[] response = echo.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          int status = 200;
          if (exchange.getRequestMethod().equals("POST")) {
            status = 201;
            // Absolute, naming the service's own address: the gateway must not pass that on.
            exchange
                .getResponseHeaders()
                .add(
                    "Location",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/keys/things/1");
          }
          if (path.contains("/broken") || (path.contains("/flaky") && FLAKY_FAILING.get())) {
            status = 500;
          }
          exchange.sendResponseHeaders(status, response.length);
          exchange.getResponseBody().write(response);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
    String upstream = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of(
        "vigil.routes.keys", upstream,
        "vigil.routes.backups", "http://127.0.0.1:" + FreePorts.next(),
        "vigil.routes.request-timeout", "1s",
        "vigil.routes.max-response-size", "2M",
        "vigil.routes.breaker-failures", "3",
        "vigil.routes.breaker-open-for", "2s");
  }

  /** Line {@code i} of an export: fixed length, so any byte's expected value is known. */
  static String exportLine(long i) {
    return String.format("{\"entry\":%012d,\"pad\":\"%s\"}%n", i, "x".repeat(40));
  }

  private static void export(com.sun.net.httpserver.HttpExchange exchange, boolean breakOff)
      throws IOException {
    long bytes = Long.parseLong(exchange.getRequestURI().getQuery().replace("bytes=", ""));
    exchange.getRequestBody().readAllBytes();
    lastExportMethod = exchange.getRequestMethod();
    exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(200, 0);
    java.io.OutputStream body = exchange.getResponseBody();
    long sent = 0;
    try {
      for (long line = 0; sent < bytes; line++) {
        if (breakOff && sent >= bytes / 2) {
          body.flush();
          // Thrown from the handler, the server drops the connection without ending the body.
          throw new IllegalStateException("export broken off on purpose");
        }
        byte[] text = exportLine(line).getBytes(StandardCharsets.UTF_8);
        int length = (int) Math.min(text.length, bytes - sent);
        body.write(text, 0, length);
        sent += length;
      }
      body.close();
    } catch (IOException callerGone) {
      EXPORTS_CUT_BY_CALLER.incrementAndGet();
      throw callerGone;
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
