package dev.vigil.backups.recovery;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Envelope encryption of backups with Google Tink: every backup gets a fresh streaming-AEAD data
 * key (AES256-GCM-HKDF, 1 MiB segments), wrapped by the key-encryption key (an AEAD keyset from a
 * Secret). Both are bound to the backup's id, so an object cannot be passed off as another.
 */
public final class BackupCipher {

  /** The streaming AEAD every data key uses; the object header names it. */
  public static final String CIPHER = "AES256_GCM_HKDF_1MB";

  static {
    Registration.ensure();
  }

  /** A fresh data key: the primitive to encrypt with, and its wrapped form to store. */
  public record DataKey(StreamingAead aead, byte[] wrapped, long kekKeyId) {}

  private final Aead kek;
  private final long kekPrimaryId;

  private BackupCipher(KeysetHandle kek) throws GeneralSecurityException {
    this.kek = kek.getPrimitive(RegistryConfiguration.get(), Aead.class);
    this.kekPrimaryId = Integer.toUnsignedLong(kek.getPrimary().getId());
  }

  /**
   * Loads the key-encryption keyset (Tink JSON) from a file mounted from a Secret.
   *
   * @throws IllegalStateException naming the file, never its content
   */
  public static BackupCipher fromKeysetFile(Path file) {
    try {
      return new BackupCipher(
          TinkJsonProtoKeysetFormat.parseKeyset(
              Files.readString(file, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get()));
    } catch (IOException e) {
      throw new IllegalStateException("the key-encryption keyset " + file + " cannot be read");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the key-encryption keyset " + file + " is not a Tink AEAD keyset");
    }
  }

  /** The id of the key that wraps new data keys. */
  public long primaryKeyId() {
    return kekPrimaryId;
  }

  public DataKey newDataKey(UUID backupId) {
    try {
      KeysetHandle key =
          KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
      byte[] wrapped =
          TinkProtoKeysetFormat.serializeEncryptedKeyset(key, kek, associatedData(backupId));
      return new DataKey(
          key.getPrimitive(RegistryConfiguration.get(), StreamingAead.class),
          wrapped,
          kekPrimaryId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a data key", e);
    }
  }

  /**
   * Unwraps a backup's data key.
   *
   * @throws GeneralSecurityException when no key of the keyset unwraps it, or it belongs to another
   *     backup
   */
  public StreamingAead open(UUID backupId, byte[] wrapped) throws GeneralSecurityException {
    KeysetHandle key =
        TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, kek, associatedData(backupId));
    return key.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
  }

  /** Binds ciphertexts and wrapped keys to one backup. */
  public static byte[] associatedData(UUID backupId) {
    return ("vigil-backup:" + backupId).getBytes(StandardCharsets.UTF_8);
  }
}
