package dev.vigil.backups;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What backup-service tests need beside PostgreSQL and Kafka: a key-encryption keyset file, a
 * storage directory, and a source database on the real PostgreSQL server, filled with tables, rows,
 * an index, a view, a sequence and a function, which the tests back up and restore.
 */
public class BackupEnvironment implements QuarkusTestResourceLifecycleManager {

  public static final String HOST = env("VIGIL_TEST_PG_HOST", "127.0.0.1");
  public static final int PORT = Integer.parseInt(env("VIGIL_TEST_PG_PORT", "5432"));
  public static final String USER = env("VIGIL_TEST_PG_USER", "postgres");
  public static final String PASSWORD = env("VIGIL_TEST_PG_PASSWORD", "");

  private static Path storage;
  private static String source;
  private Path directory;

  /** The storage root of the filesystem backend. */
  public static Path storage() {
    return storage;
  }

  /** The name of the database the tests back up. */
  public static String source() {
    return source;
  }

  @Override
  public Map<String, String> start() {
    try {
      directory = Files.createTempDirectory("vigil-backup-test");
      Path kek = directory.resolve("kek.json");
      Files.writeString(kek, dev.vigil.backups.recovery.Keysets.create());
      storage = Files.createDirectories(directory.resolve("storage"));
      source = "vigil_bsrc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      execute("postgres", "CREATE DATABASE " + source);
      fill(source);
      Map<String, String> config = new HashMap<>();
      config.put("vigil.backups.encryption.kek-file", kek.toString());
      config.put("vigil.backups.storage.directory", storage.toString());
      config.put("vigil.backups.restore.server.host", HOST);
      config.put("vigil.backups.restore.server.port", Integer.toString(PORT));
      config.put("vigil.backups.restore.server.user", USER);
      config.put("vigil.backups.restore.work-directory", directory.resolve("work").toString());
      if (!PASSWORD.isEmpty()) {
        config.put("vigil.backups.restore.server.password", PASSWORD);
      }
      return config;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Accounts, orders, an index, a view, a sequence, a function and a trigger-free schema. */
  static void fill(String database) {
    execute(
        database,
        "CREATE SCHEMA billing;"
            + " CREATE TABLE accounts (id serial PRIMARY KEY, email text NOT NULL, role text NOT NULL);"
            + " INSERT INTO accounts (email, role) SELECT 'user' || g || '@example.test',"
            + "   CASE WHEN g % 50 = 0 THEN 'owner' ELSE 'member' END FROM generate_series(1, 500) g;"
            + " CREATE TABLE billing.invoices (id bigserial PRIMARY KEY,"
            + "   account_id int REFERENCES accounts (id), cents bigint, note text);"
            + " INSERT INTO billing.invoices (account_id, cents, note)"
            + "   SELECT 1 + g % 500, g * 100, 'invoice-marker-' || g FROM generate_series(1, 3000) g;"
            + " CREATE INDEX invoices_account ON billing.invoices (account_id);"
            + " CREATE VIEW owners AS SELECT * FROM accounts WHERE role = 'owner';"
            + " CREATE SEQUENCE ticket_numbers;"
            + " CREATE FUNCTION owner_count() RETURNS bigint LANGUAGE sql AS"
            + "   'SELECT count(*) FROM accounts WHERE role = ''owner''';");
  }

  @Override
  public void stop() {
    if (source != null) {
      execute("postgres", "DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
    }
  }

  /** Runs SQL on a database of the test server. */
  public static void execute(String database, String sql) {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, USER, PASSWORD);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
