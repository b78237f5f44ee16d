package dev.vigil.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.gateway.routing.RoutingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * One OpenAPI document for the whole API: the gateway's own operations plus every service's, as
 * they are reached through the gateway. A service that cannot be reached is listed under {@code
 * x-vigil-missing} and its part is left out until it answers. Cached for a minute. Swagger UI at
 * {@code /q/swagger-ui} shows it.
 */
@Path("/api/v1/openapi")
@Tag(name = "OpenAPI")
@PermitAll
public class UnifiedOpenApiResource {

  static final String GENERATED = "META-INF/quarkus-generated-openapi-doc.JSON";
  private static final Duration CACHE = Duration.ofMinutes(1);
  private static final Logger LOG = Logger.getLogger(UnifiedOpenApiResource.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Service(String baseUrl, String routedPrefix) {}

  private final Map<String, Service> services = new LinkedHashMap<>();
  private final HttpClient client;
  private final ObjectNode gateway;
  private volatile Uni<ObjectNode> cached;

  UnifiedOpenApiResource(RoutingConfig routes, Vertx vertx) {
    services.put("key-service", new Service(routes.keys(), "/api/v1/keys"));
    services.put("backup-service", new Service(routes.backups(), "/api/v1/backups"));
    services.put(
        "access-review-service", new Service(routes.accessReviews(), "/api/v1/access-reviews"));
    services.put("audit-log-service", new Service(routes.audit(), "/api/v1/audit"));
    this.client = vertx.createHttpClient();
    this.gateway = readGatewayDocument();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The OpenAPI document of the whole Vigil API",
      description = "The gateway's operations and every service's, merged; no token needed.")
  public Uni<ObjectNode> document() {
    Uni<ObjectNode> current = cached;
    if (current == null) {
      current = merge().memoize().atLeast(CACHE);
      cached = current;
    }
    return current;
  }

  private Uni<ObjectNode> merge() {
    List<Uni<JsonNode>> fetches = new ArrayList<>();
    services.forEach((name, service) -> fetches.add(fetch(name, service.baseUrl())));
    return Uni.join()
        .all(fetches)
        .andCollectFailures()
        .map(
            documents -> {
              ObjectNode merged = OpenApiMerger.base(gateway);
              List<String> missing = new ArrayList<>();
              List<String> names = new ArrayList<>(services.keySet());
              for (int i = 0; i < names.size(); i++) {
                JsonNode document = documents.get(i);
                if (document.isMissingNode()) {
                  missing.add(names.get(i));
                } else {
                  OpenApiMerger.add(
                      merged, names.get(i), services.get(names.get(i)).routedPrefix(), document);
                }
              }
              merged.withObject("/info").put("title", "Vigil API");
              if (!missing.isEmpty()) {
                merged.set("x-vigil-missing", JSON.valueToTree(missing));
              }
              return merged;
            });
  }

  private Uni<JsonNode> fetch(String service, String baseUrl) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(baseUrl.replaceAll("/+$", "") + "/q/openapi?format=json")
            .setTimeout(3000)
            .putHeader("Accept", "application/json");
    return client
        .request(request)
        .chain(sent -> sent.send())
        .chain(
            response ->
                response
                    .body()
                    .map(
                        body -> {
                          if (response.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + response.statusCode());
                          }
                          return parse(body.getBytes());
                        }))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.debugf("No OpenAPI document from %s: %s", service, failure.toString());
              return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            });
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode readGatewayDocument() {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(GENERATED)) {
      if (in == null) {
        return JSON.createObjectNode().put("openapi", "3.1.0");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
