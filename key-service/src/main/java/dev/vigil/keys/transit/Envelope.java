package dev.vigil.keys.transit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM ciphertexts tagged with their key version: {@code vigil:v<n>:<base64(nonce ||
 * ciphertext || tag)>}. A fresh 96-bit random nonce per message. The associated data binds the
 * environment, slot and version (so a ciphertext cannot be replayed under another slot or
 * relabelled with another version) and the caller's context.
 */
public final class Envelope {

  private static final Pattern FORMAT =
      Pattern.compile("vigil:v([1-9][0-9]{0,8}):([A-Za-z0-9+/=]+)");
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom NONCES = new SecureRandom();
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("AES-GCM is not available", e);
            }
          });

  /** A ciphertext that is malformed or does not authenticate; the message never holds data. */
  public static final class InvalidCiphertextException extends RuntimeException {
    InvalidCiphertextException(String message) {
      super(message, null, false, false);
    }
  }

  /** A parsed ciphertext: its key version and sealed bytes. */
  public record Parsed(int version, byte[] sealed) {}

  private Envelope() {}

  /** The key version a ciphertext names. */
  public static Parsed parse(String ciphertext) {
    Matcher matcher = ciphertext == null ? null : FORMAT.matcher(ciphertext);
    if (matcher == null || !matcher.matches()) {
      throw new InvalidCiphertextException("not a vigil:v<n>:<base64> ciphertext");
    }
    byte[] sealed;
    try {
      sealed = Base64.getDecoder().decode(matcher.group(2));
    } catch (IllegalArgumentException e) {
      throw new InvalidCiphertextException("the ciphertext is not valid base64");
    }
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new InvalidCiphertextException("the ciphertext is too short");
    }
    return new Parsed(Integer.parseInt(matcher.group(1)), sealed);
  }

  /** The key version a well-formed ciphertext names. */
  public static int versionOf(String ciphertext) {
    return parse(ciphertext).version();
  }

  /** Encrypts under the given version's key. */
  public static String seal(
      SecretKey key, String boundTo, int version, byte[] context, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    NONCES.nextBytes(nonce);
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(boundTo, version, context));
      byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
      cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
      return "vigil:v" + version + ":" + Base64.getEncoder().encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** Decrypts with the key of the version the ciphertext names. */
  public static byte[] open(SecretKey key, String boundTo, Parsed parsed, byte[] context) {
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, parsed.sealed(), 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(boundTo, parsed.version(), context));
      return cipher.doFinal(parsed.sealed(), NONCE_BYTES, parsed.sealed().length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new InvalidCiphertextException(
          "the ciphertext does not authenticate (wrong context, slot or a modified ciphertext)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private static byte[] associatedData(String boundTo, int version, byte[] context) {
    byte[] label = ("vigil:" + boundTo + ":v" + version).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(label.length + 1 + context.length)
        .put(label)
        .put((byte) 0)
        .put(context)
        .array();
  }
}
