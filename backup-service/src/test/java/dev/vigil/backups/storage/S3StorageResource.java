package dev.vigil.backups.storage;

import dev.vigil.testing.objectstore.S3rverServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service configured for S3 storage on a real s3rver. */
public class S3StorageResource implements QuarkusTestResourceLifecycleManager {

  static final String BUCKET = "vigil-backups";
  private static S3rverServer server;

  static S3rverServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = S3rverServer.start(BUCKET);
    // The SDK's default credentials chain reads these system properties after the environment.
    System.setProperty("aws.accessKeyId", S3rverServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3rverServer.SECRET_KEY);
    return Map.of(
        "vigil.backups.storage.kind",
        "s3",
        "vigil.backups.storage.s3.bucket",
        BUCKET,
        "vigil.backups.storage.s3.prefix",
        "prod",
        "vigil.backups.storage.s3.endpoint",
        server.endpoint(),
        "vigil.backups.storage.s3.path-style",
        "true",
        "vigil.backups.storage.s3.part-size",
        Integer.toString(5 * 1024 * 1024));
  }

  @Override
  public void stop() {
    server.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** Selects this resource. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(S3StorageResource.class));
    }
  }
}
