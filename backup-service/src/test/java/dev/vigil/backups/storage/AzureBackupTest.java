package dev.vigil.backups.storage;

import static dev.vigil.backups.BackupTestSupport.backup;
import static dev.vigil.backups.BackupTestSupport.finished;
import static dev.vigil.backups.BackupTestSupport.finishedRestore;
import static dev.vigil.backups.BackupTestSupport.get;
import static dev.vigil.backups.BackupTestSupport.name;
import static dev.vigil.backups.BackupTestSupport.restoreTest;
import static dev.vigil.backups.BackupTestSupport.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import dev.vigil.backups.verification.BackupVerifier;
import dev.vigil.backups.verification.Reverification;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Backups through the Azure Blob backend, on Azurite. */
@QuarkusTest
@TestProfile(AzuriteStorageResource.Profile.class)
class AzureBackupTest {

  @Inject Reverification reverification;

  @Test
  void shouldStoreABackupAsABlobRestoreItAndDetectAFlippedByteLater() {
    String targetId = target(name("azure"), null);

    JsonPath backup = finished(backup(targetId));
    assertThat(backup.getString("status")).isEqualTo("VERIFIED");
    BlobClient blob =
        AzuriteStorageResource.container().getBlobClient(backup.getString("objectKey"));
    assertThat(blob.getProperties().getBlobSize()).isEqualTo(backup.getLong("storedBytes"));

    JsonPath test = finishedRestore(restoreTest(targetId, false));
    assertThat(test.getString("status")).isEqualTo("PASSED");
    assertThat(test.getList("differences")).isEmpty();

    // One byte flipped in the stored blob, as bit rot or an intruder would.
    byte[] bytes = blob.downloadContent().toBytes();
    bytes[bytes.length / 2] ^= 0x01;
    blob.upload(BinaryData.fromBytes(bytes), true);

    BackupVerifier.Verdict verdict =
        reverification.reverify(UUID.fromString(backup.getString("id")));

    assertThat(verdict.valid()).isFalse();
    assertThat(get("/api/v1/backups/" + backup.getString("id")).getString("status"))
        .isEqualTo("BAD");
  }
}
