package dev.vigil.backups.targets;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Opens JDBC connections to targets and restore servers, on worker threads, and the libpq
 * environment for the client tools. The password is read at that moment and kept nowhere.
 */
@ApplicationScoped
public class DatabaseConnections {

  /** A database could not be reached; the message names the database, never a credential. */
  public static class UnreachableException extends RuntimeException {
    UnreachableException(String message) {
      super(message, null, false, false);
    }
  }

  private final Passwords passwords;

  DatabaseConnections(Passwords passwords) {
    this.passwords = passwords;
  }

  public Connection open(ConnectionSettings settings) {
    Properties properties = new Properties();
    properties.setProperty("user", settings.username());
    passwords.read(settings.password()).ifPresent(p -> properties.setProperty("password", p));
    properties.setProperty("sslmode", settings.sslMode());
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", "0");
    properties.setProperty("ApplicationName", "vigil-backup-service");
    String url =
        "jdbc:postgresql://" + settings.host() + ":" + settings.port() + "/" + settings.database();
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      throw new UnreachableException(
          "cannot connect to "
              + settings.describe()
              + " (SQLSTATE "
              + e.getSQLState()
              + "): "
              + firstLine(e.getMessage()));
    }
  }

  /**
   * The environment {@code pg_dump} and {@code pg_restore} connect with: libpq variables, so the
   * password never appears on a command line.
   */
  public Map<String, String> libpqEnvironment(ConnectionSettings settings) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PGHOST", settings.host());
    env.put("PGPORT", Integer.toString(settings.port()));
    env.put("PGDATABASE", settings.database());
    env.put("PGUSER", settings.username());
    env.put("PGSSLMODE", settings.sslMode());
    env.put("PGCONNECT_TIMEOUT", "10");
    env.put("PGAPPNAME", "vigil-backup-service");
    passwords.read(settings.password()).ifPresent(p -> env.put("PGPASSWORD", p));
    return env;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
