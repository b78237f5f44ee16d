package dev.vigil.backups.storage;

import dev.vigil.backups.BackupsConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** The configured storage backend. */
public class StorageProducer {

  @Produces
  @Singleton
  BackupStorage storage(BackupsConfig config) {
    String kind = config.storage().kind();
    if ("filesystem".equals(kind)) {
      return new FilesystemStorage(Path.of(config.storage().directory()));
    }
    throw new IllegalStateException(
        "vigil.backups.storage.kind " + kind + " is not supported (supported: filesystem)");
  }
}
