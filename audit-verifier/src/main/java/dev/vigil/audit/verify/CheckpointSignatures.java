package dev.vigil.audit.verify;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Ed25519 signatures over checkpoints (the JDK's own implementation, RFC 8032). */
public final class CheckpointSignatures {

  public static final String ALGORITHM = "Ed25519";

  private CheckpointSignatures() {}

  public static String sign(Checkpoint unsigned, PrivateKey key) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(CanonicalForm.bytes(unsigned));
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign checkpoint", e);
    }
  }

  public static boolean verify(Checkpoint checkpoint, PublicKey key) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(CanonicalForm.bytes(checkpoint));
      return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A public key from base64 X.509 SubjectPublicKeyInfo (what {@code PublicKey#getEncoded} gives).
   */
  public static PublicKey publicKey(String base64) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a base64 Ed25519 public key (X.509 SubjectPublicKeyInfo)");
    }
  }

  /** A private key from base64 PKCS#8. */
  public static PrivateKey privateKey(String base64) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 Ed25519 private key (PKCS#8)");
    }
  }

  /** A short stable id of a public key: the first 16 hex digits of SHA-256 of its encoding. */
  public static String keyId(PublicKey key) {
    return CanonicalForm.sha256(key.getEncoded()).substring(0, 16);
  }
}
