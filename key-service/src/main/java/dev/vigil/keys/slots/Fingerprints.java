package dev.vigil.keys.slots;

import dev.vigil.keys.KeysConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Keyed fingerprints of key values: HMAC-SHA-256 under a pepper the database never sees, so a copy
 * of the database reveals nothing about the keys and cannot be searched for a guessed value.
 */
@ApplicationScoped
public class Fingerprints {

  private static final Logger LOG = Logger.getLogger(Fingerprints.class);

  private final SecretKeySpec pepper;

  Fingerprints(KeysConfig config) {
    byte[] secret;
    if (config.fingerprintPepper().isPresent()) {
      if (config.fingerprintPepper().get().length() < 32) {
        throw new IllegalStateException(
            "vigil.keys.fingerprint-pepper needs at least 32 characters");
      }
      secret = config.fingerprintPepper().get().getBytes(StandardCharsets.UTF_8);
    } else if (LaunchMode.current() == LaunchMode.NORMAL) {
      // Every restart or replica with its own pepper would see every key as new and miss reuse.
      throw new IllegalStateException(
          "vigil.keys.fingerprint-pepper (VIGIL_KEYS_FINGERPRINT_PEPPER) is required: the same"
              + " secret for every replica and restart, from a Kubernetes Secret");
    } else {
      LOG.warn("No fingerprint pepper configured: using an ephemeral one (dev and test only).");
      secret = KeyMaterial.generate().getBytes(StandardCharsets.US_ASCII);
    }
    this.pepper = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The fingerprint of a key value, 64 hex characters. */
  public String of(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(pepper);
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is unavailable", e);
    }
  }
}
