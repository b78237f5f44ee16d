package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.function.Consumer;

/**
 * {@code bench/run access-sync}. {@code stub PORT USERS ASSIGNMENTS} serves a generated directory
 * as Microsoft Graph ({@link GraphDirectoryStub}) until killed; access-review-service syncs from
 * it. {@code baseline GRAPH_URL JDBC_URL} is the comparison, in the same run: it fetches the same
 * pages the service reads (token, app role assignments, registration details, users with sign-in
 * activity and manager, {@code $top=999}, following {@code @odata.nextLink}), parses them with
 * Jackson and inserts every row with batched JDBC in one transaction, then prints {@code
 * baseline-seconds S}.
 */
public final class AccessSyncBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 1000;

  private AccessSyncBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "stub" -> {
        new GraphDirectoryStub(
                Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]))
            .start();
        System.out.println("graph-stub-ready");
        Thread.currentThread().join();
      }
      case "baseline" -> {
        long started = System.nanoTime();
        long rows = baseline(args[1], args[2]);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("baseline-rows %d%n", rows);
        System.out.printf("baseline-seconds %.3f%n", seconds);
      }
      default -> throw new IllegalArgumentException("stub|baseline");
    }
  }

  private static long baseline(String graph, String jdbc) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String token =
        JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(URI.create(graph + "/tenant/oauth2/v2.0/token"))
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    "grant_type=client_credentials"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .get("access_token")
            .asText();
    long rows = 0;
    try (Connection db = DriverManager.getConnection(jdbc)) {
      try (Statement s = db.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS baseline_assignment (principal_id text, role_id text)");
        s.execute("CREATE TABLE IF NOT EXISTS baseline_registration (id text, registered boolean)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS baseline_user (id text, display_name text, user_type text,"
                + " enabled boolean, created_at timestamptz, last_sign_in_at timestamptz,"
                + " manager_id text)");
        s.execute("TRUNCATE baseline_assignment, baseline_registration, baseline_user");
      }
      db.setAutoCommit(false);
      String v1 = graph + "/v1.0";
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO baseline_assignment (principal_id, role_id) VALUES (?, ?)")) {
        rows +=
            pages(
                http,
                token,
                v1 + "/servicePrincipals/" + GraphDirectoryStub.SP + "/appRoleAssignedTo?$top=999",
                insert,
                a -> {
                  set(insert, 1, a.path("principalId").asText());
                  set(insert, 2, a.path("appRoleId").asText());
                });
      }
      try (PreparedStatement insert =
          db.prepareStatement("INSERT INTO baseline_registration (id, registered) VALUES (?, ?)")) {
        rows +=
            pages(
                http,
                token,
                v1
                    + "/reports/authenticationMethods/userRegistrationDetails?$select=id,isMfaRegistered",
                insert,
                r -> {
                  set(insert, 1, r.path("id").asText());
                  try {
                    insert.setBoolean(2, r.path("isMfaRegistered").asBoolean());
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
      }
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO baseline_user (id, display_name, user_type, enabled, created_at,"
                  + " last_sign_in_at, manager_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        rows +=
            pages(
                http,
                token,
                v1
                    + "/users?$select=id,displayName,userPrincipalName,accountEnabled,userType,"
                    + "createdDateTime,signInActivity&$expand=manager($select=id)&$top=999",
                insert,
                u -> {
                  try {
                    insert.setString(1, u.path("id").asText());
                    insert.setString(2, u.path("userPrincipalName").asText());
                    insert.setString(3, u.path("userType").asText());
                    insert.setBoolean(4, u.path("accountEnabled").asBoolean());
                    insert.setTimestamp(5, time(u.path("createdDateTime")));
                    insert.setTimestamp(
                        6, time(u.path("signInActivity").path("lastSignInDateTime")));
                    insert.setString(7, u.path("manager").path("id").asText(null));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
      }
      db.commit();
    }
    return rows;
  }

  /** Every page from the first URL on, each row bound by {@code bind} and batched. */
  private static long pages(
      HttpClient http, String token, String url, PreparedStatement insert, Consumer<JsonNode> bind)
      throws Exception {
    long rows = 0;
    String next = url;
    while (next != null) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(next))
                  .header("Authorization", "Bearer " + token)
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(next + " answered " + response.statusCode());
      }
      JsonNode page = JSON.readTree(response.body());
      for (JsonNode item : page.path("value")) {
        bind.accept(item);
        insert.addBatch();
        if (++rows % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
      JsonNode link = page.get("@odata.nextLink");
      next = link == null ? null : link.asText();
    }
    return rows;
  }

  private static void set(PreparedStatement s, int index, String value) {
    try {
      if (value == null) {
        s.setNull(index, Types.VARCHAR);
      } else {
        s.setString(index, value);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Timestamp time(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode()
        ? null
        : Timestamp.from(OffsetDateTime.parse(value.asText()).toInstant());
  }
}
