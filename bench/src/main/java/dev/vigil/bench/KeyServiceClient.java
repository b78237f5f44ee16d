package dev.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The key-service calls the key benchmarks make, and the Secret they read keys from. */
final class KeyServiceClient {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String service;
  private final String kubernetes;

  KeyServiceClient(String service, String kubernetes) {
    this.service = service;
    this.kubernetes = kubernetes;
  }

  /** Registers a fresh environment and generates its slots; returns its name. */
  String environmentWithKeys(String adminToken) throws Exception {
    String environment = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    call(
        "POST",
        "/api/v1/keys/environments",
        adminToken,
        "{\"name\":\"" + environment + "\",\"namespace\":\"" + environment + "\"}",
        201);
    call(
        "POST",
        "/api/v1/keys/environments/" + environment + "/slots/generate",
        adminToken,
        "",
        200);
    return environment;
  }

  /** Binds the service token's principal (its oid) to the environment, as a stepped-up admin. */
  void bind(String environment, String adminToken, String serviceToken) throws Exception {
    String claims =
        new String(
            Base64.getUrlDecoder().decode(serviceToken.split("\\.")[1]), StandardCharsets.UTF_8);
    Matcher oid = Pattern.compile("\"oid\"\\s*:\\s*\"([^\"]+)\"").matcher(claims);
    if (!oid.find()) {
      throw new IllegalStateException("the service token has no oid claim");
    }
    call(
        "POST",
        "/api/v1/keys/environments/" + environment + "/service-bindings",
        adminToken,
        "{\"objectId\":\"" + oid.group(1) + "\",\"note\":\"bench\"}",
        201);
  }

  /** A slot's current value as the Secret holds it (64 hex characters). */
  String slotValue(String environment, String slot) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        kubernetes + "/api/v1/namespaces/" + environment + "/secrets/vigil-keys"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher matcher =
        Pattern.compile("\"" + slot + "\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
    if (response.statusCode() != 200 || !matcher.find()) {
      throw new IllegalStateException("no " + slot + " in " + environment + "'s Secret");
    }
    return new String(Base64.getDecoder().decode(matcher.group(1)), StandardCharsets.US_ASCII);
  }

  /** Calls the service, failing unless it answers with the expected status; returns the body. */
  String call(String method, String path, String token, String body, int expected)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(service + path))
            .header("Authorization", "Bearer " + token);
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
