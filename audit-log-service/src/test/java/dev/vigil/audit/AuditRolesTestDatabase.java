package dev.vigil.audit;

import dev.vigil.testing.postgres.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The test database with the roles production uses (docs/operations.md): a NOLOGIN schema owner
 * that a LOGIN migration role becomes for Flyway, the service's LOGIN runtime role and the NOLOGIN
 * prune role. Roles are cluster-wide, so each run names its own and drops them afterwards.
 */
public class AuditRolesTestDatabase extends PostgresTestDatabase {

  private static final String SUFFIX =
      UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);

  /** The schema owner (NOLOGIN). */
  public static final String OWNER = "vigil_audit_owner_" + SUFFIX;

  /** The role migrations log in as; a member of {@link #OWNER}. */
  public static final String MIGRATOR = "vigil_audit_migrator_" + SUFFIX;

  /** The role the service works as. */
  public static final String RUNTIME = "vigil_audit_app_" + SUFFIX;

  /** The role that owns the prune function (NOLOGIN). */
  public static final String PRUNER = "vigil_audit_pruner_" + SUFFIX;

  private static final String HOST = env("VIGIL_TEST_PG_HOST", "127.0.0.1");
  private static final String PORT = env("VIGIL_TEST_PG_PORT", "5432");
  private static final String SUPERUSER = env("VIGIL_TEST_PG_USER", "postgres");
  private static final String PASSWORD = env("VIGIL_TEST_PG_PASSWORD", "");

  private String database;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    database = config.get("vigil.db.name");
    execute(
        "postgres",
        "CREATE ROLE " + OWNER + " NOLOGIN",
        "CREATE ROLE " + PRUNER + " NOLOGIN",
        "GRANT " + PRUNER + " TO " + OWNER,
        "CREATE ROLE " + MIGRATOR + " LOGIN IN ROLE " + OWNER,
        "CREATE ROLE " + RUNTIME + " LOGIN",
        "ALTER DATABASE " + database + " OWNER TO " + OWNER);
    config.put("quarkus.flyway.username", MIGRATOR);
    config.put("quarkus.flyway.init-sql", "SET ROLE " + OWNER);
    config.put("vigil.audit.db.app-user", RUNTIME);
    config.put("vigil.audit.db.prune-role", PRUNER);
    return config;
  }

  @Override
  public void stop() {
    super.stop();
    execute(
        "postgres",
        "DROP ROLE IF EXISTS " + MIGRATOR,
        "DROP ROLE IF EXISTS " + RUNTIME,
        "DROP ROLE IF EXISTS " + OWNER,
        "DROP ROLE IF EXISTS " + PRUNER);
  }

  /** A JDBC connection to the test database as {@code role} (the server trusts loopback). */
  public static Connection connectAs(String role, String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, role, PASSWORD);
  }

  private static void execute(String db, String... statements) {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db, SUPERUSER, PASSWORD);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot set up the audit database roles: " + e.getMessage(), e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
