package dev.vigil.access.sources.scim;

import dev.vigil.access.AccessConfig;
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
 * Disables platform accounts through SCIM 2.0 (RFC 7644 PATCH {@code active=false}). Blocking: call
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
