package dev.vigil.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A Microsoft Graph v1.0 stand-in serving a generated directory with real {@code @odata.nextLink}
 * paging ({@code $top}, at most 999, and {@code $skiptoken}): users with sign-in activity and
 * manager, the platform's app role assignments (several per user), MFA registration details, one
 * enabled Conditional Access policy requiring MFA for everyone on every app, and a users/delta
 * link. Pages are generated on request, so the stub holds no directory either.
 */
final class GraphDirectoryStub {

  static final String SP = "sp-platform";
  static final String[] ROLES = {"role-member", "role-reader", "role-writer"};
  private static final int MAX_PAGE = 999;

  private final int users;
  private final int assignments;
  private final String base;
  private final HttpServer server;

  GraphDirectoryStub(int port, int users, int assignments) throws IOException {
    this.users = users;
    this.assignments = assignments;
    this.base = "http://127.0.0.1:" + port;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", this::handle);
  }

  void start() {
    server.start();
  }

  static String userId(int i) {
    return String.format("00000000-0000-4000-8000-%012d", i);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getPath();
      Map<String, String> query = query(uri.getRawQuery());
      if (path.endsWith("/oauth2/v2.0/token")) {
        send(exchange, 200, "{\"access_token\":\"bench-graph-token\",\"expires_in\":3600}");
        return;
      }
      if (!"Bearer bench-graph-token"
          .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, "{}");
        return;
      }
      int top = Math.min(MAX_PAGE, Integer.parseInt(query.getOrDefault("$top", "999")));
      int from = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
      String body =
          switch (path) {
            case "/v1.0/servicePrincipals/" + SP ->
                "{\"id\":\""
                    + SP
                    + "\",\"appId\":\"app-platform\",\"accountEnabled\":true,"
                    + "\"appRoleAssignmentRequired\":true,\"appRoles\":[{\"id\":\"role-admin\",\"value\":\"admin\"},"
                    + "{\"id\":\"role-member\",\"value\":\"member\"},{\"id\":\"role-reader\",\"value\":\"reader\"},"
                    + "{\"id\":\"role-writer\",\"value\":\"writer\"}]}";
            case "/v1.0/servicePrincipals/" + SP + "/appRoleAssignedTo" ->
                page(uri, query, from, top, assignments, this::assignment);
            case "/v1.0/applications(appId='app-platform')" ->
                "{\"id\":\"app-object\",\"appId\":\"app-platform\",\"passwordCredentials\":[{"
                    + "\"keyId\":\"k-1\",\"displayName\":\"platform\",\"endDateTime\":\"2027-06-01T00:00:00Z\"}],"
                    + "\"keyCredentials\":[]}";
            case "/v1.0/auditLogs/signIns" ->
                "{\"value\":[{\"id\":\"s-1\",\"createdDateTime\":\""
                    + java.time.Instant.now().minusSeconds(3600)
                    + "\"}]}";
            case "/v1.0/users" -> page(uri, query, from, top, users, this::user);
            case "/v1.0/reports/authenticationMethods/userRegistrationDetails" ->
                page(uri, query, from, top, users, GraphDirectoryStub::registration);
            case "/v1.0/identity/conditionalAccess/policies" ->
                "{\"value\":[{\"id\":\"ca-1\",\"displayName\":\"Require MFA\",\"state\":\"enabled\","
                    + "\"conditions\":{\"applications\":{\"includeApplications\":[\"All\"]},"
                    + "\"users\":{\"includeUsers\":[\"All\"],\"excludeUsers\":[\""
                    + userId(7)
                    + "\"]}},\"grantControls\":{\"builtInControls\":[\"mfa\"]}}]}";
            case "/v1.0/users/delta" ->
                "{\"value\":[],\"@odata.deltaLink\":\""
                    + base
                    + "/v1.0/users/delta?$deltatoken=bench-"
                    + System.nanoTime()
                    + "\"}";
            default -> null;
          };
      if (body == null) {
        send(exchange, 404, "{\"error\":{\"code\":\"Request_ResourceNotFound\"}}");
      } else {
        send(exchange, 200, body);
      }
    }
  }

  private interface Item {
    void append(StringBuilder json, int i);
  }

  private String page(URI uri, Map<String, String> query, int from, int top, int total, Item item) {
    StringBuilder json = new StringBuilder(top * 400).append("{\"value\":[");
    int to = Math.min(total, from + top);
    for (int i = from; i < to; i++) {
      if (i > from) {
        json.append(',');
      }
      item.append(json, i);
    }
    json.append(']');
    if (to < total) {
      StringBuilder next = new StringBuilder(base).append(uri.getPath()).append("?");
      query.forEach(
          (k, v) -> {
            if (!k.equals("$skiptoken")) {
              next.append(k).append('=').append(v).append('&');
            }
          });
      next.append("$skiptoken=").append(to);
      json.append(",\"@odata.nextLink\":\"").append(next).append('"');
    }
    return json.append('}').toString();
  }

  private void assignment(StringBuilder json, int j) {
    json.append("{\"id\":\"asg-")
        .append(j)
        .append("\",\"principalId\":\"")
        .append(userId(j % users))
        .append("\",\"principalType\":\"User\",\"appRoleId\":\"")
        .append(role(j))
        .append("\"}");
  }

  /** Three roles per user; the first three users' third role is admin. */
  private String role(int j) {
    int round = j / users;
    return round == 2 && j % users < 3 ? "role-admin" : ROLES[round % ROLES.length];
  }

  private void user(StringBuilder json, int i) {
    json.append("{\"id\":\"")
        .append(userId(i))
        .append("\",\"displayName\":\"Bench User ")
        .append(i)
        .append("\",\"userPrincipalName\":\"user")
        .append(i)
        .append("@bench.example\",\"accountEnabled\":")
        .append(i % 50 != 0)
        .append(",\"userType\":\"")
        .append(i % 20 == 0 ? "Guest" : "Member")
        .append("\",\"createdDateTime\":\"2024-0")
        .append(1 + i % 9)
        .append("-1")
        .append(i % 10)
        .append("T08:00:00Z\",\"signInActivity\":{\"lastSignInDateTime\":")
        .append(i % 7 == 0 ? "null" : "\"2026-1" + (i % 2) + "-0" + (1 + i % 9) + "T09:30:00Z\"")
        .append(",\"lastNonInteractiveSignInDateTime\":null},\"manager\":{\"id\":\"")
        .append(userId(i / 10))
        .append("\"}}");
  }

  private static void registration(StringBuilder json, int i) {
    json.append("{\"id\":\"")
        .append(userId(i))
        .append("\",\"isMfaRegistered\":")
        .append(i % 3 != 0)
        .append('}');
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              pair.substring(eq + 1));
        }
      }
    }
    return query;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
