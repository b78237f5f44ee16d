package dev.vigil.backups.recovery;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;

/** Registers the Tink primitives the backup format uses, once, before any key is made or read. */
final class Registration {

  static {
    try {
      AeadConfig.register();
      StreamingAeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Registration() {}

  /** Runs the registration (class initialisation) if it has not run yet. */
  static void ensure() {}
}
