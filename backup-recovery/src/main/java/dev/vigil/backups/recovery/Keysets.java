package dev.vigil.backups.recovery;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/** Key-encryption keysets (Tink JSON, AES256-GCM), as an operator creates and rotates them. */
public final class Keysets {

  static {
    Registration.ensure();
  }

  private Keysets() {}

  /** A new keyset with one key. */
  public static String create() throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
        InsecureSecretKeyAccess.get());
  }

  /**
   * The keyset with a new key that wraps every new backup's data key from now on; the older keys
   * stay in it, so older backups still open.
   */
  public static String rotate(String keysetJson) throws GeneralSecurityException {
    KeysetHandle current =
        TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
    KeysetHandle rotated =
        KeysetHandle.newBuilder(current)
            .addEntry(
                KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId()
                    .makePrimary())
            .build();
    return TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
  }
}
