package dev.vigil.testing.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * A local stand-in for the Microsoft Entra ID v2 endpoints of one tenant, serving the same paths
 * and document formats: {@code /{tenant}/v2.0/.well-known/openid-configuration}, the JWKS at {@code
 * /{tenant}/discovery/v2.0/keys} and a client-credentials token endpoint at {@code
 * /{tenant}/oauth2/v2.0/token}. Services validate its tokens through the production code path; only
 * the authority URL differs. For tests and the local dev stack, never for production.
 */
public final class EntraIdIssuer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tenantId;
  private final Set<String> tenants = ConcurrentHashMap.newKeySet();
  private final String clientId;
  private final RsaJsonWebKey key;
  private final HttpServer server;
  private final AtomicInteger jwksRequests = new AtomicInteger();

  private EntraIdIssuer(String tenantId, String clientId, HttpServer server) {
    this.tenantId = tenantId;
    this.tenants.add(tenantId);
    this.clientId = clientId;
    this.server = server;
    try {
      this.key = RsaJwkGenerator.generateJwk(2048);
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
    key.setKeyId(
        "vigil-local-" + Integer.toHexString(key.getRsaPublicKey().getModulus().hashCode()));
    key.setUse("sig");
    key.setAlgorithm("RS256");
  }

  /** Starts the issuer on the given loopback port (0 picks a free one). */
  public static EntraIdIssuer start(int port, String tenantId, String clientId) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      EntraIdIssuer issuer = new EntraIdIssuer(tenantId, clientId, server);
      server.createContext("/", issuer::handle);
      server.start();
      return issuer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The authority, like {@code https://login.microsoftonline.com}. */
  public String authority() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String issuer() {
    return issuer(tenantId);
  }

  /** The v2.0 issuer of one of the tenants this issuer serves. */
  public String issuer(String tenant) {
    return authority() + "/" + tenant + "/v2.0";
  }

  /**
   * Serves another tenant too, at the same authority and with the same signing key (as Entra ID
   * signs every tenant's tokens with its common keys).
   */
  public EntraIdIssuer addTenant(String tenant) {
    tenants.add(tenant);
    return this;
  }

  public String tenantId() {
    return tenantId;
  }

  public String clientId() {
    return clientId;
  }

  public int jwksRequests() {
    return jwksRequests.get();
  }

  /** A token builder for this issuer, tenant and API audience. */
  public EntraTokens tokens() {
    return tokens(tenantId);
  }

  /** A token builder for another tenant this issuer serves (see {@link #addTenant}). */
  public EntraTokens tokens(String tenant) {
    return new EntraTokens(key, issuer(tenant), tenant, clientId);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String[] segments = path.split("/", 3);
    String tenant = segments.length > 1 ? segments[1] : "";
    String rest = segments.length > 2 ? "/" + segments[2] : "";
    try (exchange) {
      if (!tenants.contains(tenant)) {
        respond(exchange, 400, Map.of("error", "invalid_tenant", "error_description", tenant));
      } else if (rest.equals("/v2.0/.well-known/openid-configuration")) {
        respond(exchange, 200, discovery(tenant));
      } else if (rest.equals("/discovery/v2.0/keys")) {
        jwksRequests.incrementAndGet();
        respondRaw(
            exchange,
            200,
            new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
      } else if (rest.equals("/oauth2/v2.0/token") && "POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 200, clientCredentials(form(exchange)));
      } else {
        respond(exchange, 404, Map.of("error", "not_found", "error_description", path));
      }
    }
  }

  private Map<String, Object> discovery(String tenant) {
    String base = authority() + "/" + tenant;
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("token_endpoint", base + "/oauth2/v2.0/token");
    doc.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
    doc.put("jwks_uri", base + "/discovery/v2.0/keys");
    doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
    doc.put("subject_types_supported", List.of("pairwise"));
    doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    doc.put(
        "response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
    doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
    doc.put("issuer", issuer(tenant));
    doc.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
    doc.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
    doc.put("tenant_region_scope", "EU");
    doc.put("cloud_instance_name", "microsoftonline.com");
    return doc;
  }

  /**
   * Client credentials grant. Real Entra ID takes the app roles from the app registration; the
   * local issuer takes them from an optional {@code roles} form field (comma separated) and
   * defaults to {@code Vigil.Admin}; an optional {@code acrs} field adds step-up contexts.
   */
  private Map<String, Object> clientCredentials(Map<String, String> form) {
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return Map.of("error", "unsupported_grant_type");
    }
    String caller = form.getOrDefault("client_id", "vigil-dev-client");
    String[] roles = form.getOrDefault("roles", "Vigil.Admin").split(",");
    EntraTokens builder =
        tokens().app(caller, Arrays.stream(roles).map(String::trim).toArray(String[]::new));
    if (form.containsKey("acrs")) {
      // Step-up for local use: the authentication contexts a Conditional Access policy would add.
      builder.claim("acrs", List.of(form.get("acrs").split(",")));
    }
    String token = builder.sign();
    return Map.of(
        "token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599, "access_token", token);
  }

  private static Map<String, String> form(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
    respondRaw(exchange, status, JSON.writeValueAsString(body));
  }

  private static void respondRaw(HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
