package dev.vigil.backups.dump;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.backups.BackupEnvironment;
import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import dev.vigil.testing.postgres.PostgresTestDatabase;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, killed with SIGKILL in the middle of a real backup, then started again:
 * nothing of the interrupted backup is ever counted as good, and what it left in the storage is
 * removed.
 */
class KilledMidBackupIT {

  private final KafkaTestBroker kafka = new KafkaTestBroker();
  private final EntraIdTestResource issuer = new EntraIdTestResource();
  private final PostgresTestDatabase database = new PostgresTestDatabase();
  private final BackupEnvironment environment = new BackupEnvironment();
  private final Map<String, String> config = new HashMap<>();
  private Process service;
  private Path log;

  @BeforeEach
  void start() throws IOException {
    config.putAll(kafka.start());
    config.putAll(issuer.start());
    config.putAll(database.start());
    config.putAll(environment.start());
    // Half a million rows of incompressible text: the dump runs for seconds, long enough to kill.
    BackupEnvironment.execute(
        BackupEnvironment.source(),
        "CREATE TABLE bulk AS SELECT g AS id, md5(random()::text) || md5(random()::text)"
            + " || md5(random()::text) || md5(random()::text) AS payload"
            + " FROM generate_series(1, 500000) g");
    config.put("vigil.backups.tick", "1s");
    config.put("vigil.backups.lease", "5s");
    config.put("quarkus.http.port", Integer.toString(freePort()));
    log = Files.createTempFile("killed-mid-backup", ".log");
  }

  @AfterEach
  void stop() throws IOException {
    if (service != null) {
      service.destroyForcibly();
    }
    environment.stop();
    database.stop();
    issuer.stop();
    kafka.stop();
    Files.deleteIfExists(log);
  }

  @Test
  void shouldCountNothingOfABackupWhoseServiceWasKilledAndCleanUpAfterIt() throws Exception {
    service = launch();
    String admin = EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign();
    String targetId =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\"killed\",\"host\":\""
                    + BackupEnvironment.HOST
                    + "\",\"port\":"
                    + BackupEnvironment.PORT
                    + ",\"database\":\""
                    + BackupEnvironment.source()
                    + "\",\"username\":\""
                    + BackupEnvironment.USER
                    + "\",\"sslMode\":\"disable\",\"schedule\":\"0 0 1 1 *\","
                    + "\"restoreTestSchedule\":\"0 0 1 1 *\",\"rpoMinutes\":600000"
                    + (BackupEnvironment.PASSWORD.isEmpty()
                        ? ""
                        : ",\"passwordEnv\":\"VIGIL_TEST_PG_PASSWORD\"")
                    + "}")
            .post(url("/api/v1/backups/targets"))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String backupId =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body("{\"targetId\":\"" + targetId + "\"}")
            .post(url("/api/v1/backups"))
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    // Kill the service as soon as the dump has stored its first bytes.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> backup(admin, backupId).getLong("bytesDone") > 0);
    service.destroyForcibly().waitFor();
    assertThat(storedFiles()).anyMatch(name -> name.endsWith(".vbk.partial"));
    assertThat(storedFiles()).noneMatch(name -> name.endsWith(".vbk"));

    // Started again, the service fails the interrupted backup and removes its partial upload.
    service = launch();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "FAILED".equals(backup(admin, backupId).getString("status")));
    assertThat(backup(admin, backupId).getString("error")).startsWith("INTERRUPTED:");
    await().atMost(Duration.ofSeconds(20)).until(() -> storedFiles().isEmpty());
    assertThat(
            given()
                .auth()
                .oauth2(admin)
                .get(url("/api/v1/backups?status=VERIFIED"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList(""))
        .isEmpty();
  }

  private Process launch() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(System.getProperty("service.jar"));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptionsInstanceOf(java.net.ConnectException.class)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log);
              }
              return given().get(url("/q/health/ready")).statusCode() == 200;
            });
    return process;
  }

  private JsonPath backup(String token, String id) {
    return given()
        .auth()
        .oauth2(token)
        .get(url("/api/v1/backups/" + id))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private List<String> storedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(BackupEnvironment.storage())) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + config.get("quarkus.http.port") + path;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
