package dev.vigil.backups.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.vigil.testing.objectstore.AzuriteServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Azure Blob backend against Azurite, Microsoft's emulator from the npm registry. */
class AzureBlobStorageTest extends StorageContract {

  private static final int BLOCK = 64 * 1024;
  private static AzuriteServer server;
  private static BlobContainerClient container;
  private static AzureBlobStorage storage;

  @BeforeAll
  static void start() {
    server = AzuriteServer.start();
    container =
        new BlobServiceClientBuilder()
            .connectionString(server.connectionString())
            .buildClient()
            .createBlobContainer("backups");
    storage = new AzureBlobStorage(container, new KeyPrefix("vigil"), BLOCK);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  BackupStorage storage() {
    return storage;
  }

  @Override
  int partSize() {
    return BLOCK;
  }

  @Test
  void shouldCommitOneBlobOfSeveralBlocksUnderThePrefix() throws IOException {
    String key = key();
    try (BackupStorage.Upload upload = storage.create(key)) {
      upload.stream().write(random(BLOCK * 3 + 1));
      upload.commit();
    }

    var blob = container.getBlobClient("vigil/" + key).getBlockBlobClient();
    assertThat(blob.listBlocks(com.azure.storage.blob.models.BlockListType.COMMITTED))
        .satisfies(list -> assertThat(list.getCommittedBlocks()).hasSize(4));
    assertThat(storage.location(key)).endsWith("/backups/vigil/" + key);
  }

  @Test
  void shouldFailTheProbeOfAMissingContainer() {
    AzureBlobStorage missing =
        new AzureBlobStorage(
            new BlobServiceClientBuilder()
                .connectionString(server.connectionString())
                .buildClient()
                .getBlobContainerClient("absent"),
            new KeyPrefix(""),
            BLOCK);

    assertThatThrownBy(missing::probe).hasMessageContaining("container absent does not exist");
  }
}
