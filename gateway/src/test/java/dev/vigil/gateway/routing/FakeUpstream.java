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
 * at a port nobody listens on; requests under {@code /slow} take 3 s.
 */
public class FakeUpstream implements QuarkusTestResourceLifecycleManager {

  static final AtomicInteger REQUESTS = new AtomicInteger();
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
          if (path.contains("/broken")) {
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
        "vigil.routes.breaker-failures", "3",
        "vigil.routes.breaker-open-for", "30s");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
