package dev.vigil.audit.chain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
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
   * VIGIL_AUDIT_CHECKPOINT_PRIVATE_KEY}). Required unless {@link #ephemeralKeyAllowed()}.
   */
  Optional<String> privateKey();

  /**
   * The matching Ed25519 public key, base64 X.509 SubjectPublicKeyInfo. It is pinned: verification
   * trusts it and {@link #trustedPublicKeys()}, never a key merely found in {@code
   * audit_signing_key}.
   */
  Optional<String> publicKey();

  /**
   * Earlier signing public keys (base64 X.509) that stay pinned after a rotation, so the
   * checkpoints they signed still verify. A key in the database that is neither this nor {@link
   * #publicKey()} fails verification.
   */
  Optional<List<String>> trustedPublicKeys();

  /**
   * Whether a missing signing key may be replaced by one generated at start and pinned for that run
   * only (development and tests). False in production: start-up then fails without a key.
   */
  @WithDefault("false")
  boolean ephemeralKeyAllowed();
}
