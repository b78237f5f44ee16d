package dev.vigil.testing.postgres;

import dev.vigil.testing.net.TcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Creates a fresh database on the real PostgreSQL server for one test run and drops it afterwards.
 * The server comes from {@code VIGIL_TEST_PG_HOST/PORT/USER/PASSWORD} (defaults: 127.0.0.1, 5432,
 * postgres, no password).
 *
 * <p>Init arg {@code proxied=true} puts a {@link TcpProxy} between the service and the server so a
 * test can cut the database off the network ({@link #proxy()}).
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

  private static volatile TcpProxy proxy;

  private final String host = env("VIGIL_TEST_PG_HOST", "127.0.0.1");
  private final int port = Integer.parseInt(env("VIGIL_TEST_PG_PORT", "5432"));
  private final String user = env("VIGIL_TEST_PG_USER", "postgres");
  private final String password = env("VIGIL_TEST_PG_PASSWORD", "");
  private String database;
  private boolean proxied;

  /** The proxy in front of the database when started with {@code proxied=true}. */
  public static TcpProxy proxy() {
    if (proxy == null) {
      throw new IllegalStateException("PostgresTestDatabase was not started with proxied=true");
    }
    return proxy;
  }

  @Override
  public void init(Map<String, String> initArgs) {
    proxied = Boolean.parseBoolean(initArgs.getOrDefault("proxied", "false"));
  }

  @Override
  public Map<String, String> start() {
    database =
        "vigil_test_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    execute("CREATE DATABASE " + database);
    int servicePort = port;
    if (proxied) {
      proxy = TcpProxy.start(host, port);
      servicePort = proxy.port();
    }
    Map<String, String> config = new HashMap<>();
    config.put("vigil.db.host", proxied ? "127.0.0.1" : host);
    config.put("vigil.db.port", Integer.toString(servicePort));
    config.put("vigil.db.name", database);
    config.put("vigil.db.user", user);
    if (!password.isEmpty()) {
      // An empty value would hide the services' own defaults for it.
      config.put("vigil.db.password", password);
    }
    return config;
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.close();
      proxy = null;
    }
    if (database != null) {
      execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private void execute(String sql) {
    String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + host + ":" + port + " is needed for tests: " + e.getMessage(), e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
