package dev.vigil.backups.verification;

import static dev.vigil.backups.BackupTestSupport.backup;
import static dev.vigil.backups.BackupTestSupport.finished;
import static dev.vigil.backups.BackupTestSupport.get;
import static dev.vigil.backups.BackupTestSupport.name;
import static dev.vigil.backups.BackupTestSupport.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.backups.BackupEnvironment;
import dev.vigil.common.contract.ReportedControls;
import dev.vigil.testing.kafka.KafkaTestBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A stored backup altered after it was verified is found by re-verification. */
@QuarkusTest
class TamperedBackupTest {

  @Inject Reverification reverification;

  @Test
  void shouldMarkAFlippedByteBadFailBkv01AndRaiseAnAlert() throws Exception {
    ConsumerTask<String, byte[]> alerts =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.security-alerts");
    String name = name("tampered");
    String targetId = target(name, null);
    JsonPath backup = finished(backup(targetId));
    assertThat(backup.getString("status")).isEqualTo("VERIFIED");

    // Given one byte of the stored object flipped, as bit rot or an intruder would
    Path object = BackupEnvironment.storage().resolve(backup.getString("objectKey"));
    byte[] bytes = Files.readAllBytes(object);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(object, bytes);

    // When it is verified again
    BackupVerifier.Verdict verdict =
        reverification.reverify(UUID.fromString(backup.getString("id")));

    // Then it is BAD, BKV-01 fails naming it, and an alert is raised about it
    assertThat(verdict.valid()).isFalse();
    assertThat(get("/api/v1/backups/" + backup.getString("id")).getString("status"))
        .isEqualTo("BAD");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "FAIL".equals(ReportedControls.status("BKV-01")));
    String subject = "backup:" + name + "/" + backup.getString("id");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                alerts.getRecords().stream()
                    .anyMatch(
                        r ->
                            subject.equals(r.key())
                                && "backup-corrupted".equals(json(r.value()).path("rule").asText())
                                && "BKV-01".equals(json(r.value()).path("control").asText())));
  }

  private static com.fasterxml.jackson.databind.JsonNode json(byte[] value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
