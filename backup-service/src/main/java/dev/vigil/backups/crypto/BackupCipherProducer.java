package dev.vigil.backups.crypto;

import dev.vigil.backups.BackupsConfig;
import dev.vigil.backups.recovery.BackupCipher;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** The service's one {@link BackupCipher}, loaded at start: no key-encryption key, no start. */
public class BackupCipherProducer {

  @Produces
  @Singleton
  @Startup
  BackupCipher cipher(BackupsConfig config) {
    return BackupCipher.fromKeysetFile(Path.of(config.encryption().kekFile()));
  }
}
