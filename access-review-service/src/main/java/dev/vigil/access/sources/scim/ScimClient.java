package dev.vigil.access.sources.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.access.AccessConfig;
import dev.vigil.common.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads platform members and groups through SCIM 2.0 (RFC 7644 list responses, paged with {@code
 * startIndex} and {@code count}) and disables accounts (PATCH {@code active=false}). Blocking: call
 * through {@code Workers.offload}. Failures name the status only, never the response body.
 */
@ApplicationScoped
public class ScimClient {

  static final String DEACTIVATE =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
          + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";

  private final AccessConfig.Scim config;
  private final HttpClient http;

  ScimClient(AccessConfig config) {
    this.config = config.scim();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(this.config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Whether SCIM can be called for a source with this base URL. */
  public boolean available(String baseUrl) {
    return baseUrl != null && config.token().isPresent();
  }

  /**
   * Reads every resource of a collection ({@code Users} or {@code Groups}), page by page, handing
   * each to {@code each} as it arrives, so no more than one page is held at a time.
   *
   * @throws ScimException naming the collection and status when a page cannot be read
   */
  public void list(String baseUrl, String collection, java.util.function.Consumer<JsonNode> each) {
    int startIndex = 1;
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode body = get(baseUrl, collection, startIndex);
      JsonNode resources = body.path("Resources");
      resources.forEach(each);
      int received = resources.size();
      startIndex += received;
      // totalResults is required in a list response; a server that leaves it out ends on an
      // empty page instead.
      long total = body.path("totalResults").asLong(Long.MAX_VALUE);
      if (received == 0 || startIndex > total) {
        return;
      }
    }
    throw new ScimException("SCIM GET /" + collection + ": more than " + MAX_PAGES + " pages");
  }

  static final int MAX_PAGES = 100_000;

  private JsonNode get(String baseUrl, String collection, int startIndex) {
    String url =
        baseUrl.replaceAll("/+$", "")
            + "/"
            + collection
            + "?startIndex="
            + startIndex
            + "&count="
            + config.pageSize();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(config.requestTimeout())
            .header("Authorization", "Bearer " + config.token().orElseThrow())
            .header("Accept", "application/scim+json")
            .GET()
            .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new ScimException("SCIM GET /" + collection + " answered " + response.statusCode());
      }
      return EventJson.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new ScimException("SCIM GET /" + collection + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScimException("SCIM GET /" + collection + ": interrupted");
    }
  }

  /**
   * Sets the user inactive.
   *
   * @return the failure reason, or empty when the platform accepted it
   */
  public Optional<String> deactivate(String baseUrl, String userId) {
    String url =
        baseUrl.replaceAll("/+$", "")
            + "/Users/"
            + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(config.requestTimeout())
            .header("Authorization", "Bearer " + config.token().orElseThrow())
            .header("Content-Type", "application/scim+json")
            .header("Accept", "application/scim+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(DEACTIVATE))
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 200 && status < 300
          ? Optional.empty()
          : Optional.of("SCIM PATCH /Users answered " + status);
    } catch (IOException e) {
      return Optional.of("SCIM PATCH /Users: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("SCIM PATCH /Users: interrupted");
    }
  }
}
