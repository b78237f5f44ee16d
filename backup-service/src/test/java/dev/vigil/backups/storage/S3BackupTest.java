package dev.vigil.backups.storage;

import static dev.vigil.backups.BackupTestSupport.backup;
import static dev.vigil.backups.BackupTestSupport.finished;
import static dev.vigil.backups.BackupTestSupport.finishedRestore;
import static dev.vigil.backups.BackupTestSupport.name;
import static dev.vigil.backups.BackupTestSupport.restoreTest;
import static dev.vigil.backups.BackupTestSupport.target;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Backups through the S3 backend, on a real S3-compatible server. */
@QuarkusTest
@TestProfile(S3StorageResource.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3BackupTest {

  @Test
  @Order(1)
  void shouldStoreAnEncryptedBackupInTheBucketAndRestoreItWithEqualRowCounts() {
    String targetId = target(name("s3"), null);

    JsonPath backup = finished(backup(targetId));

    assertThat(backup.getString("status")).isEqualTo("VERIFIED");
    String stored = "prod/" + backup.getString("objectKey");
    assertThat(
            S3StorageTest.client(S3StorageResource.server().endpoint())
                .listObjectsV2(b -> b.bucket(S3StorageResource.BUCKET).prefix("prod/"))
                .contents())
        .extracting(S3Object::key, S3Object::size)
        .contains(org.assertj.core.groups.Tuple.tuple(stored, backup.getLong("storedBytes")));
    JsonPath test = finishedRestore(restoreTest(targetId, false));
    assertThat(test.getString("status")).isEqualTo("PASSED");
    assertThat(test.getList("differences")).isEmpty();
  }

  @Test
  @Order(2)
  void shouldRetryThenFailWithTheReasonAndReportNotReadyWhenTheServerIsDown() {
    String targetId = target(name("s3-down"), null);
    S3StorageResource.server().kill();

    JsonPath failed = finished(backup(targetId));

    assertThat(failed.getString("status")).isEqualTo("FAILED");
    assertThat(failed.getString("error"))
        .startsWith("STORING: writing the backup to s3 storage failed")
        .endsWith("(after 3 attempts)");
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body(
            "checks.find { it.name == 'Backup storage' }.status", org.hamcrest.Matchers.is("DOWN"));
  }
}
