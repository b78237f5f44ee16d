package dev.vigil.backups.catalogue;

import static dev.vigil.backups.BackupTestSupport.admin;
import static dev.vigil.backups.BackupTestSupport.backup;
import static dev.vigil.backups.BackupTestSupport.finished;
import static dev.vigil.backups.BackupTestSupport.finishedRestore;
import static dev.vigil.backups.BackupTestSupport.name;
import static dev.vigil.backups.BackupTestSupport.restoreTest;
import static dev.vigil.backups.BackupTestSupport.target;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.backups.BackupEnvironment;
import dev.vigil.backups.recovery.RecoverBackup;
import dev.vigil.testing.kafka.KafkaTestBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Backup → verify → restore test → recovery, against the real PostgreSQL server. */
@QuarkusTest
class BackupLifecycleTest {

  @Test
  void shouldBackUpVerifyRestoreAndRecoverWithEqualRowCounts() throws Exception {
    ConsumerTask<String, byte[]> events =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.backups");
    String name = name("lifecycle");
    String targetId = target(name, null);

    // When a backup is asked for, it is dumped, encrypted, stored and verified.
    JsonPath backup = finished(backup(targetId));
    assertThat(backup.getString("status")).isEqualTo("VERIFIED");
    assertThat(backup.getString("dumpSha256")).hasSize(64);
    assertThat(backup.getLong("dumpBytes")).isPositive();
    assertThat(backup.getString("snapshotAt")).isNotNull();
    Path object = BackupEnvironment.storage().resolve(backup.getString("objectKey"));
    byte[] stored = Files.readAllBytes(object);
    assertThat(new String(stored, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("VIGILBK1");
    // The archive is encrypted: neither pg_dump's magic nor any row value is readable.
    String asText = new String(stored, StandardCharsets.ISO_8859_1);
    assertThat(asText).doesNotContain("PGDMP").doesNotContain("invoice-marker-");
    assertThat(stored.length).isEqualTo(backup.getLong("storedBytes"));
    await().atMost(Duration.ofSeconds(30)).until(() -> subjects(events, name, "backup-completed"));

    // Then a restore test brings every table back with its exact row count.
    JsonPath test = finishedRestore(restoreTest(targetId, false));
    assertThat(test.getString("status")).isEqualTo("PASSED");
    assertThat(test.getList("differences")).isEmpty();
    assertThat(test.getLong("durationMs")).isPositive();
    assertThat(scratchDatabases()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> subjects(events, name, "restore-tested"));

    // And a recovery into a new database holds the same rows as the source.
    String database = "vigil_recovered_" + targetId.substring(0, 8);
    String restoreId =
        given()
            .auth()
            .oauth2(admin())
            .contentType(ContentType.JSON)
            .body("{\"database\":\"" + database + "\",\"incidentId\":\"INC-7\"}")
            .post("/api/v1/backups/" + backup.getString("id") + "/restore")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    try {
      JsonPath recovery = finishedRestore(restoreId);
      assertThat(recovery.getString("status")).isEqualTo("PASSED");
      assertThat(recovery.getString("kind")).isEqualTo("RECOVERY");
      assertThat(count(database, "SELECT count(*) FROM billing.invoices"))
          .isEqualTo(count(BackupEnvironment.source(), "SELECT count(*) FROM billing.invoices"))
          .isEqualTo(3000);
      assertThat(count(database, "SELECT owner_count()")).isEqualTo(10);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> subjects(events, name, "restore-completed"));
    } finally {
      BackupEnvironment.execute(
          "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Test
  void shouldLetAPersonRecoverWithoutVigilUsingTheStandaloneToolAndStockPgRestore()
      throws Exception {
    JsonPath backup = finished(backup(target(name("offline"), null)));
    Path object = BackupEnvironment.storage().resolve(backup.getString("objectKey"));
    Path archive = Files.createTempDirectory("vigil-offline").resolve("archive.dump");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // The same code as java -jar vigil-backup-recovery-standalone.jar decrypt ...
    int status =
        RecoverBackup.run(
            List.of(
                "decrypt",
                "--keyset",
                ConfigProvider.getConfig()
                    .getValue("vigil.backups.encryption.kek-file", String.class),
                "--in",
                object.toString(),
                "--out",
                archive.toString(),
                "--sha256",
                backup.getString("dumpSha256")),
            new PrintStream(out, true),
            System.err);
    assertThat(status).as(out.toString()).isZero();

    String database = "vigil_offline_" + backup.getString("id").substring(0, 8);
    BackupEnvironment.execute("postgres", "CREATE DATABASE " + database);
    try {
      ProcessBuilder restore =
          new ProcessBuilder(
              "pg_restore",
              "--no-owner",
              "--exit-on-error",
              "-h",
              BackupEnvironment.HOST,
              "-p",
              Integer.toString(BackupEnvironment.PORT),
              "-U",
              BackupEnvironment.USER,
              "-d",
              database,
              archive.toString());
      restore.environment().put("PGPASSWORD", BackupEnvironment.PASSWORD);
      Process process = restore.redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(output).isZero();
      assertThat(count(database, "SELECT count(*) FROM accounts")).isEqualTo(500);
      assertThat(count(database, "SELECT count(*) FROM billing.invoices")).isEqualTo(3000);
    } finally {
      BackupEnvironment.execute(
          "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      Files.deleteIfExists(archive);
    }
  }

  private static boolean subjects(ConsumerTask<String, byte[]> events, String key, String type) {
    return events.getRecords().stream()
        .anyMatch(
            r ->
                key.equals(r.key())
                    && new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                        .equals("dev.vigil.backups." + type + ".v1"));
  }

  private static long scratchDatabases() throws Exception {
    return count(
        "postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'vigil_restore_test_%'");
  }

  static long count(String database, String sql) throws Exception {
    try (Connection c = BackupEnvironment.connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
