package dev.vigil.backups.storage;

import com.azure.core.exception.AzureException;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Objects as block blobs in an Azure Blob Storage container. An upload stages blocks as they fill,
 * and the blob only exists once {@code Put Block List} commits them. A crash before that leaves
 * uncommitted blocks, which Azure never lists as a blob (it drops them after a week); {@link
 * #unfinished()} finds them through a listing that includes uncommitted blobs.
 */
public final class AzureBlobStorage implements BackupStorage {

  private static final String UNCOMMITTED = "?uncommitted";

  private final BlobContainerClient container;
  private final KeyPrefix prefix;
  private final int blockSize;

  public AzureBlobStorage(BlobContainerClient container, KeyPrefix prefix, int blockSize) {
    this.container = container;
    this.prefix = prefix;
    this.blockSize = blockSize;
  }

  @Override
  public String kind() {
    return "azure-blob";
  }

  @Override
  public String location(String key) {
    return container.getBlobContainerUrl() + "/" + prefix.apply(key);
  }

  @Override
  public Upload create(String key) throws IOException {
    BlockBlobClient blob = blob(key);
    List<String> blocks = new ArrayList<>();
    PartBuffer stream =
        new PartBuffer(
            blockSize,
            (number, bytes, length) -> {
              String id = blockId(number);
              call(
                  () -> {
                    blob.stageBlock(id, new ByteArrayInputStream(bytes, 0, length), length);
                    return id;
                  });
              blocks.add(id);
            });
    return new Upload() {
      private boolean committed;

      @Override
      public OutputStream stream() {
        return stream;
      }

      @Override
      public void commit() throws IOException {
        stream.finish();
        call(() -> blob.commitBlockList(blocks, false));
        committed = true;
      }

      @Override
      public void close() throws IOException {
        if (!committed && !blocks.isEmpty()) {
          discard(blob);
        }
      }
    };
  }

  @Override
  public InputStream open(String key) throws IOException {
    BlockBlobClient blob = blob(key);
    try {
      return call(blob::openInputStream);
    } catch (IOException e) {
      if (e.getCause() instanceof BlobStorageException b
          && b.getErrorCode() == BlobErrorCode.BLOB_NOT_FOUND) {
        throw new NoSuchFileException(location(key));
      }
      throw e;
    }
  }

  @Override
  public void delete(String key) throws IOException {
    BlockBlobClient blob = blob(key);
    call(blob::deleteIfExists);
  }

  @Override
  public List<String> list() throws IOException {
    return names(false);
  }

  @Override
  public List<String> unfinished() throws IOException {
    Set<String> committed = new HashSet<>(names(false));
    return names(true).stream()
        .filter(name -> !committed.contains(name))
        .map(name -> name + UNCOMMITTED)
        .toList();
  }

  @Override
  public void abortUnfinished(String name) throws IOException {
    if (!name.endsWith(UNCOMMITTED)) {
      throw new IllegalArgumentException("not an unfinished upload: " + name);
    }
    discard(blob(name.substring(0, name.length() - UNCOMMITTED.length())));
  }

  @Override
  public void probe() throws IOException {
    if (!call(container::exists)) {
      throw new IOException("container " + container.getBlobContainerName() + " does not exist");
    }
  }

  /**
   * Azure cannot delete uncommitted blocks directly: committing an empty block list turns them into
   * an empty blob, which is then deleted.
   */
  private static void discard(BlockBlobClient blob) throws IOException {
    call(() -> blob.commitBlockList(List.of(), true));
    call(blob::deleteIfExists);
  }

  private List<String> names(boolean withUncommitted) throws IOException {
    ListBlobsOptions options =
        new ListBlobsOptions()
            .setPrefix(prefix.value())
            .setDetails(new BlobListDetails().setRetrieveUncommittedBlobs(withUncommitted));
    return call(
        () ->
            container.listBlobs(options, null).stream()
                .map(BlobItem::getName)
                .map(prefix::strip)
                .toList());
  }

  private BlockBlobClient blob(String key) {
    return container.getBlobClient(prefix.apply(key)).getBlockBlobClient();
  }

  /** Block ids must all have the same length within a blob. */
  private static String blockId(int number) {
    return Base64.getEncoder()
        .encodeToString(String.format("block-%08d", number).getBytes(StandardCharsets.US_ASCII));
  }

  private static <T> T call(Supplier<T> call) throws IOException {
    try {
      return call.get();
    } catch (BlobStorageException e) {
      throw new IOException(e.getErrorCode() + " (HTTP " + e.getStatusCode() + ")", e);
    } catch (AzureException | java.io.UncheckedIOException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
