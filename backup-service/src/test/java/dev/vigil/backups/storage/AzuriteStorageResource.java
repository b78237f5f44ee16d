package dev.vigil.backups.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.vigil.testing.objectstore.AzuriteServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service configured for Azure Blob storage on a real Azurite. */
public class AzuriteStorageResource implements QuarkusTestResourceLifecycleManager {

  private static AzuriteServer server;
  private static BlobContainerClient container;

  static BlobContainerClient container() {
    return container;
  }

  @Override
  public Map<String, String> start() {
    server = AzuriteServer.start();
    container =
        new BlobServiceClientBuilder()
            .connectionString(server.connectionString())
            .buildClient()
            .createBlobContainer("vigil-backups");
    return Map.of(
        "vigil.backups.storage.kind", "azure-blob",
        "vigil.backups.storage.azure.auth", "connection-string",
        "vigil.backups.storage.azure.connection-string", server.connectionString(),
        "vigil.backups.storage.azure.container", "vigil-backups",
        "vigil.backups.storage.azure.block-size", Integer.toString(256 * 1024));
  }

  @Override
  public void stop() {
    server.close();
  }

  /** Selects this resource. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(AzuriteStorageResource.class));
    }
  }
}
