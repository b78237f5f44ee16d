package dev.vigil.backups.restore;

import static dev.vigil.backups.BackupTestSupport.admin;
import static dev.vigil.backups.BackupTestSupport.backup;
import static dev.vigil.backups.BackupTestSupport.finished;
import static dev.vigil.backups.BackupTestSupport.finishedRestore;
import static dev.vigil.backups.BackupTestSupport.name;
import static dev.vigil.backups.BackupTestSupport.restoreTest;
import static dev.vigil.backups.BackupTestSupport.steppedUpAdmin;
import static dev.vigil.backups.BackupTestSupport.target;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.vigil.backups.BackupEnvironment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Restores prove themselves against the manifest; replacing a database needs step-up. */
@QuarkusTest
class RestoreValidationTest {

  @Inject Pool pool;

  @Test
  void shouldFailARestoreTestWhoseRowCountsDifferNamingTheTable() {
    String targetId =
        target(
            name("mismatch"),
            "\"checks\":[{\"name\":\"owners exist\",\"sql\":\"SELECT count(*) > 0 FROM owners\",\"expected\":\"t\"},"
                + "{\"name\":\"ten owners\",\"sql\":\"SELECT owner_count()\",\"expected\":\"11\"}]");
    String backupId = finished(backup(targetId)).getString("id");
    // The manifest recorded in the snapshot now claims one invoice more than the dump holds, as if
    // the dump had lost a row.
    pool.preparedQuery(
            "UPDATE backup SET manifest = replace(manifest, '\"name\":\"invoices\",\"rows\":3000',"
                + " '\"name\":\"invoices\",\"rows\":3001') WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(backupId)))
        .await()
        .indefinitely();

    JsonPath test = finishedRestore(restoreTest(targetId, false));

    assertThat(test.getString("status")).isEqualTo("FAILED");
    assertThat(test.getList("differences", String.class))
        .containsExactly(
            "table billing.invoices: 3001 rows in the backup's manifest, 3000 restored");
    assertThat(test.getList("checks.passed", Boolean.class)).containsExactly(true, false);
    assertThat(test.getString("checks[1].actual")).isEqualTo("10");
  }

  @Test
  void shouldReplaceADatabaseOnlyWithStepUpKeepingTheOldOne() throws Exception {
    String targetId = target(name("replace"), null);
    String backupId = finished(backup(targetId)).getString("id");
    String live = "vigil_live_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    BackupEnvironment.execute("postgres", "CREATE DATABASE " + live);
    try {
      BackupEnvironment.execute(live, "CREATE TABLE leftover (id int)");
      String body = "{\"database\":\"" + live + "\",\"replace\":true}";
      given()
          .auth()
          .oauth2(admin())
          .contentType(ContentType.JSON)
          .body(body)
          .post("/api/v1/backups/" + backupId + "/restore")
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", containsString("insufficient_claims"));
      assertThat(count(live, "SELECT count(*) FROM pg_tables WHERE tablename = 'leftover'"))
          .isOne();

      String restoreId =
          given()
              .auth()
              .oauth2(steppedUpAdmin())
              .contentType(ContentType.JSON)
              .body(body)
              .post("/api/v1/backups/" + backupId + "/restore")
              .then()
              .statusCode(202)
              .extract()
              .path("id");

      assertThat(finishedRestore(restoreId).getString("status")).isEqualTo("PASSED");
      assertThat(count(live, "SELECT count(*) FROM billing.invoices")).isEqualTo(3000);
      assertThat(
              count(
                  "postgres",
                  "SELECT count(*) FROM pg_database WHERE datname LIKE '" + live + "_replaced_%'"))
          .isOne();
    } finally {
      dropAll(live);
    }
  }

  /** Drops the database and the copy a replacement kept of it. */
  private static void dropAll(String prefix) throws Exception {
    java.util.List<String> names = new java.util.ArrayList<>();
    try (Connection c = BackupEnvironment.connect("postgres");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE '" + prefix + "%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    for (String name : names) {
      BackupEnvironment.execute("postgres", "DROP DATABASE \"" + name + "\" WITH (FORCE)");
    }
  }

  private static long count(String database, String sql) throws Exception {
    try (Connection c = BackupEnvironment.connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
