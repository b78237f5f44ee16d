package dev.vigil.backups.dump;

import static dev.vigil.backups.BackupTestSupport.get;
import static dev.vigil.backups.BackupTestSupport.name;
import static dev.vigil.backups.BackupTestSupport.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.backups.BackupEnvironment;
import dev.vigil.backups.storage.ObjectKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a pod killed mid-backup leaves behind: a RUNNING row whose heartbeat stopped and a partial
 * upload. Another runner fails it and removes the upload, so nothing half-written ever counts.
 */
@QuarkusTest
class AbandonedBackupTest {

  @Inject Pool pool;

  @Test
  void shouldFailABackupWhoseRunnerDiedAndRemoveItsPartialUpload() throws Exception {
    String name = name("killed");
    UUID targetId = UUID.fromString(target(name, null));
    UUID backupId = UUID.randomUUID();
    OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
    String key = ObjectKeys.of(name, started, backupId);
    pool.preparedQuery(
            "INSERT INTO backup (id, target_id, status, trigger, requested_by, created_at,"
                + " started_at, heartbeat_at, runner, phase, bytes_done, object_key, held)"
                + " VALUES ($1, $2, 'RUNNING', 'SCHEDULED', 'schedule', $3, $3, $3,"
                + " '4242@killed-pod', 'DUMPING', 7340032, $4, false)")
        .execute(Tuple.of(backupId, targetId, started, key))
        .await()
        .indefinitely();
    Path partial = BackupEnvironment.storage().resolve(key + ".partial");
    Files.createDirectories(partial.getParent());
    Files.write(partial, new byte[7340032]);
    Path orphan = partial.resolveSibling(UUID.randomUUID() + ".vbk.partial");
    Files.write(orphan, new byte[1024]);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "FAILED".equals(get("/api/v1/backups/" + backupId).getString("status")));

    assertThat(get("/api/v1/backups/" + backupId).getString("error"))
        .isEqualTo("INTERRUPTED: the runner 4242@killed-pod stopped mid-backup");
    await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(orphan));
    assertThat(partial).doesNotExist();
    assertThat(get("/api/v1/backups?target=" + targetId + "&status=VERIFIED").getList(""))
        .isEmpty();
  }
}
