package dev.vigil.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Against the real PostgreSQL server the tests use (127.0.0.1:5432 unless VIGIL_TEST_PG_* say
 * otherwise).
 */
class CreateDatabasesTest {

  private final String host = env("VIGIL_TEST_PG_HOST", "127.0.0.1");
  private final String port = env("VIGIL_TEST_PG_PORT", "5432");
  private final String user = env("VIGIL_TEST_PG_USER", "postgres");

  @Test
  void shouldCreateMissingDatabasesAndLeaveExistingOnes() throws Exception {
    String name = "vigil_devstack_" + UUID.randomUUID().toString().substring(0, 8);
    try {
      CreateDatabases.main(new String[] {host, port, user, name});
      CreateDatabases.main(new String[] {host, port, user, name}); // second run: nothing to do
      assertThat(exists(name)).isTrue();
    } finally {
      try (Connection c = admin()) {
        c.createStatement().execute("DROP DATABASE IF EXISTS " + name);
      }
    }
  }

  @Test
  void shouldRefuseNamesThatAreNotPlainIdentifiers() {
    assertThatThrownBy(
            () ->
                CreateDatabases.main(new String[] {host, port, user, "x; DROP DATABASE postgres"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private boolean exists(String name) throws Exception {
    try (Connection c = admin();
        ResultSet rows =
            c.createStatement()
                .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      return rows.next();
    }
  }

  private Connection admin() throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/postgres",
        user,
        env("VIGIL_TEST_PG_PASSWORD", ""));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
