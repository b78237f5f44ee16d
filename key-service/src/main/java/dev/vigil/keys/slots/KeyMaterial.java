package dev.vigil.keys.slots;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Key values: generation, and the checks a value must pass. Values only pass through here; they are
 * never stored, logged or returned.
 */
public final class KeyMaterial {

  /** 32 bytes as 64 lower-case hex characters. */
  public static final int HEX_LENGTH = 64;

  /** Example values from documentation and templates, which must never be used as keys. */
  private static final Set<String> KNOWN_EXAMPLES =
      Set.of(
          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
          "deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
          "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
          "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");

  private static final SecureRandom RANDOM = strongRandom();

  private KeyMaterial() {}

  /** A fresh key: 32 bytes from a DRBG seeded by the operating system. */
  public static String generate() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return HexFormat.of().formatHex(key);
  }

  /** Whether the value can be used as an AES-256 key: 64 hex characters (weak or not). */
  public static boolean isKey(String value) {
    return value != null && value.length() == HEX_LENGTH && value.matches("[0-9a-fA-F]+");
  }

  /**
   * Why the value is not acceptable as a key, or null when it is. Names the rule, never the value.
   */
  public static String weakness(String value) {
    if (value == null || value.length() != HEX_LENGTH || !value.matches("[0-9a-f]+")) {
      return "not 64 lower-case hex characters";
    }
    if (KNOWN_EXAMPLES.contains(value)) {
      return "a known example value";
    }
    byte[] bytes = HexFormat.of().parseHex(value);
    if (repeating(bytes)) {
      return "repeated bytes";
    }
    if (sequential(bytes)) {
      return "sequential bytes";
    }
    if (distinct(bytes) < 16) {
      // 32 random bytes almost never have fewer than 24 distinct values.
      return "too few distinct bytes";
    }
    return null;
  }

  private static boolean repeating(byte[] bytes) {
    for (int period = 1; period <= bytes.length / 2; period++) {
      boolean repeats = true;
      for (int i = period; i < bytes.length && repeats; i++) {
        repeats = bytes[i] == bytes[i - period];
      }
      if (repeats) {
        return true;
      }
    }
    return false;
  }

  private static boolean sequential(byte[] bytes) {
    int step = (bytes[1] - bytes[0]) & 0xff;
    for (int i = 2; i < bytes.length; i++) {
      if (((bytes[i] - bytes[i - 1]) & 0xff) != step) {
        return false;
      }
    }
    return step == 1 || step == 0xff;
  }

  private static int distinct(byte[] bytes) {
    boolean[] seen = new boolean[256];
    int count = 0;
    for (byte b : bytes) {
      if (!seen[b & 0xff]) {
        seen[b & 0xff] = true;
        count++;
      }
    }
    return count;
  }

  private static SecureRandom strongRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
