package dev.vigil.backups.dump;

import static dev.vigil.backups.BackupTestSupport.admin;
import static dev.vigil.backups.BackupTestSupport.backup;
import static dev.vigil.backups.BackupTestSupport.finished;
import static dev.vigil.backups.BackupTestSupport.name;
import static dev.vigil.backups.BackupTestSupport.target;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.backups.BackupEnvironment;
import dev.vigil.testing.kafka.KafkaTestBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What a backup does when what it needs is not there: each fails with its reason. */
@QuarkusTest
class BackupFailuresTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Pool pool;

  @Test
  void shouldFailNamingTheDatabaseWhenTheSourceIsUnreachable() {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    String targetId = target(name("unreachable"), "\"port\":1");

    JsonPath failed = finished(backup(targetId));

    assertThat(failed.getString("status")).isEqualTo("FAILED");
    assertThat(failed.getString("error"))
        .startsWith("CONNECTING: cannot connect to " + BackupEnvironment.HOST + ":1/");
    assertThat(failed.getString("objectKey")).isNotNull();
    assertThat(Files.exists(BackupEnvironment.storage().resolve(failed.getString("objectKey"))))
        .isFalse();
  }

  @Test
  void shouldRetryThenFailWithTheReasonWhenTheStorageIsDown() throws IOException {
    String name = name("storage-down");
    String targetId = target(name, null);
    // The target's folder is taken by a file: every write to the storage fails.
    Files.writeString(BackupEnvironment.storage().resolve(name), "not a directory");

    JsonPath failed = finished(backup(targetId));

    assertThat(failed.getString("status")).isEqualTo("FAILED");
    assertThat(failed.getString("error"))
        .startsWith("STORING: writing the backup to filesystem storage failed")
        .endsWith("(after 3 attempts)");
  }

  @Test
  void shouldReportAMissedScheduleOnceAndFailDb03() throws Exception {
    ConsumerTask<String, byte[]> events =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.backups");
    ConsumerTask<String, byte[]> compliance =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.compliance");
    String name = name("missed");
    // Every minute, from a source that refuses connections: no backup can ever succeed.
    String targetId =
        given()
            .auth()
            .oauth2(admin())
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\""
                    + name
                    + "\",\"host\":\"127.0.0.1\",\"port\":1,\"database\":\"app\",\"username\":\"app\","
                    + "\"schedule\":\"* * * * *\",\"restoreTestSchedule\":\"0 0 1 1 *\"}")
            .post("/api/v1/backups/targets")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // Registered ten minutes ago, so its schedule has already come due several times.
    pool.preparedQuery(
            "UPDATE backup_target SET created_at = now() - interval '10 minutes' WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(targetId)))
        .await()
        .indefinitely();

    await().atMost(Duration.ofSeconds(30)).until(() -> missed(events, name) != null);
    JsonNode missed = missed(events, name);
    assertThat(missed.has("backupId")).isFalse();
    assertThat(missed.get("reason").asText()).contains("no verified backup within");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                compliance.getRecords().stream()
                    .filter(r -> "DB-03".equals(r.key()))
                    .map(r -> read(r.value()))
                    .anyMatch(
                        e ->
                            "FAIL".equals(e.path("status").asText())
                                && e.path("evidence").path("summary").asText().contains(name)));
  }

  private static JsonNode read(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode missed(ConsumerTask<String, byte[]> events, String target) {
    for (ConsumerRecord<String, byte[]> record : events.getRecords()) {
      if (!target.equals(record.key())) {
        continue;
      }
      try {
        JsonNode data = JSON.readTree(record.value());
        if ("SCHEDULE".equals(data.path("phase").asText())) {
          return data;
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return null;
  }
}
