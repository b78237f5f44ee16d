package dev.vigil.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the services' databases when missing. Arguments: host, port, user, then database names.
 * The password, if any, comes from {@code VIGIL_DB_PASSWORD}. Retries while the server starts.
 */
public final class CreateDatabases {

  private CreateDatabases() {}

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/postgres";
    String password = System.getenv().getOrDefault("VIGIL_DB_PASSWORD", "");
    try (Connection connection = connect(url, args[2], password)) {
      for (int i = 3; i < args.length; i++) {
        String name = args[i];
        if (!name.matches("[a-z_][a-z0-9_]*")) {
          throw new IllegalArgumentException("not a plain database name: " + name);
        }
        if (!exists(connection, name)) {
          try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
          }
          System.out.println("Created database " + name);
        }
      }
    }
  }

  private static Connection connect(String url, String user, String password) throws Exception {
    SQLException last = null;
    for (int attempt = 0; attempt < 60; attempt++) {
      try {
        return DriverManager.getConnection(url, user, password);
      } catch (SQLException e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw last;
  }

  private static boolean exists(Connection connection, String name) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
