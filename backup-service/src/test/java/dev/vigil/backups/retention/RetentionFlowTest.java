package dev.vigil.backups.retention;

import static dev.vigil.backups.BackupTestSupport.admin;
import static dev.vigil.backups.BackupTestSupport.backup;
import static dev.vigil.backups.BackupTestSupport.finished;
import static dev.vigil.backups.BackupTestSupport.get;
import static dev.vigil.backups.BackupTestSupport.name;
import static dev.vigil.backups.BackupTestSupport.steppedUpAdmin;
import static dev.vigil.backups.BackupTestSupport.target;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.backups.BackupEnvironment;
import dev.vigil.testing.kafka.KafkaTestBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retention deletes what the policy lets go, never the newest or a held backup, and audits it. */
@QuarkusTest
class RetentionFlowTest {

  @Test
  void shouldPruneKeepingTheNewestAndTheHeldBackupAndAuditEachDeletion() {
    ConsumerTask<String, byte[]> audit =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.audit");
    // Keep one backup, the minimum there is, so each new backup makes the previous one go.
    String targetId =
        target(
            name("retention"),
            "\"retention\":{\"hourly\":0,\"daily\":0,\"weekly\":0,\"monthly\":0,\"yearly\":0,\"minimum\":1}");
    String held = finished(backup(targetId)).getString("id");
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"evidence for INC-9\",\"incidentId\":\"INC-9\"}")
        .put("/api/v1/backups/" + held + "/hold")
        .then()
        .statusCode(200);
    String middle = finished(backup(targetId)).getString("id");
    String middleKey = get("/api/v1/backups/" + middle).getString("objectKey");
    String newest = finished(backup(targetId)).getString("id");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "PRUNED".equals(get("/api/v1/backups/" + middle).getString("status")));
    assertThat(Files.exists(BackupEnvironment.storage().resolve(middleKey))).isFalse();
    assertThat(get("/api/v1/backups/" + held).getString("status")).isEqualTo("VERIFIED");
    assertThat(get("/api/v1/backups/" + newest).getString("status")).isEqualTo("VERIFIED");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                audit.getRecords().stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .anyMatch(v -> v.contains("backup.pruned") && v.contains(middle)));

    // Releasing the hold is destructive: it needs step-up, then retention lets the backup go.
    given()
        .auth()
        .oauth2(admin())
        .delete("/api/v1/backups/" + held + "/hold")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .delete("/api/v1/backups/" + held + "/hold")
        .then()
        .statusCode(200);
  }
}
