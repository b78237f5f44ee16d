package dev.vigil.audit.chain;

import dev.vigil.audit.verify.Checkpoint;
import dev.vigil.audit.verify.CheckpointSignatures;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Holds the checkpoint signing key (never logged, never exposed) and signs checkpoints. Created at
 * start, so a missing or mismatched key stops start-up instead of the first checkpoint.
 */
@Startup
@ApplicationScoped
public class CheckpointSigner {

  private static final Logger LOG = Logger.getLogger(CheckpointSigner.class);

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;
  private final Map<String, PublicKey> pinned = new LinkedHashMap<>();

  CheckpointSigner(CheckpointConfig config) {
    if (config.privateKey().isPresent() != config.publicKey().isPresent()) {
      throw new IllegalStateException(
          "vigil.audit.checkpoint.private-key and public-key must be configured together");
    }
    if (config.privateKey().isPresent()) {
      privateKey = CheckpointSignatures.privateKey(config.privateKey().get());
      publicKey = CheckpointSignatures.publicKey(config.publicKey().get());
    } else if (config.ephemeralKeyAllowed()) {
      KeyPair pair = generate();
      privateKey = pair.getPrivate();
      publicKey = pair.getPublic();
      LOG.warn(
          "No checkpoint signing key configured (vigil.audit.checkpoint.private-key/public-key):"
              + " signing with an ephemeral key pinned for this run only.");
    } else {
      throw new IllegalStateException(
          "vigil.audit.checkpoint.private-key and public-key are required: configure the"
              + " checkpoint signing key from a Secret (docs/operations.md#database-roles-and-key-pinning)");
    }
    keyId = CheckpointSignatures.keyId(publicKey);
    pinned.put(keyId, publicKey);
    for (String trusted : config.trustedPublicKeys().orElse(List.of())) {
      PublicKey key = CheckpointSignatures.publicKey(trusted);
      pinned.put(CheckpointSignatures.keyId(key), key);
    }
    Checkpoint probe = new Checkpoint("probe", 1, "0".repeat(64), "probe", keyId, null);
    Checkpoint signed = withSignature(probe);
    if (!CheckpointSignatures.verify(signed, publicKey)) {
      throw new IllegalStateException(
          "the configured checkpoint public key does not match the private key");
    }
  }

  public String keyId() {
    return keyId;
  }

  /**
   * The pinned public keys by key id: the signing key and the configured earlier ones. Only these
   * verify checkpoints.
   */
  public Map<String, PublicKey> pinnedKeys() {
    return Map.copyOf(pinned);
  }

  /** The public key, base64 X.509 SubjectPublicKeyInfo. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  public Checkpoint sign(String chain, long seq, String hash, String createdAt) {
    return withSignature(new Checkpoint(chain, seq, hash, createdAt, keyId, null));
  }

  private Checkpoint withSignature(Checkpoint unsigned) {
    return new Checkpoint(
        unsigned.chain(),
        unsigned.seq(),
        unsigned.hash(),
        unsigned.createdAt(),
        unsigned.keyId(),
        CheckpointSignatures.sign(unsigned, privateKey));
  }

  private static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(CheckpointSignatures.ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
