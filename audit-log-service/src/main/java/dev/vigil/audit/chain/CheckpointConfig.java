package dev.vigil.audit.chain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** When chain heads are signed, and with which key. */
@ConfigMapping(prefix = "vigil.audit.checkpoint")
public interface CheckpointConfig {

  /** Sign a chain's head once it has grown by this many entries since its last checkpoint. */
  @WithDefault("1000")
  int everyEntries();

  /** ... or once this long has passed since its last checkpoint and it has grown at all. */
  @WithDefault("60s")
  Duration everyInterval();

  /** How often heads are checked against those limits. */
  @WithDefault("5s")
  Duration checkInterval();

  /**
   * Ed25519 private key, base64 PKCS#8 (from a Kubernetes Secret: env {@code
   * VIGIL_AUDIT_CHECKPOINT_PRIVATE_KEY}). Without it an ephemeral key is generated at start, which
   * is fine for development only: checkpoints stay verifiable (public keys are stored), but the key
   * is not under your control.
   */
  Optional<String> privateKey();

  /** The matching Ed25519 public key, base64 X.509 SubjectPublicKeyInfo. */
  Optional<String> publicKey();
}
