package dev.vigil.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Statements run as the test server's administrator ({@code vigil.db.user}, a superuser), not as
 * the service's append-only role or the NOLOGIN schema owner ({@link AuditRolesTestDatabase}): what
 * a database administrator, or an attacker holding such a password, could do.
 */
public final class SchemaOwner {

  private SchemaOwner() {}

  /** Runs the statements in one transaction. */
  public static void execute(String... statements) throws SQLException {
    Config config = ConfigProvider.getConfig();
    try (Connection connection =
        DriverManager.getConnection(
            config.getValue("quarkus.datasource.jdbc.url", String.class),
            config.getValue("vigil.db.user", String.class),
            config.getOptionalValue("vigil.db.password", String.class).orElse(""))) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
      }
      connection.commit();
    }
  }
}
