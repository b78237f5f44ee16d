package dev.vigil.keys.passwords;

import java.util.Locale;
import java.util.Set;

/**
 * What makes a database password unacceptable: too short, too little entropy, or a known default or
 * development password. The result names the rule, never the password.
 */
public final class PasswordStrength {

  static final int MIN_LENGTH = 16;
  static final int MIN_BITS = 80;

  /** Defaults of database images and charts, and what development setups use. */
  private static final Set<String> KNOWN =
      Set.of(
          "postgres",
          "postgresql",
          "password",
          "passw0rd",
          "p@ssw0rd",
          "admin",
          "administrator",
          "root",
          "toor",
          "secret",
          "changeme",
          "change-me",
          "changeit",
          "default",
          "test",
          "testing",
          "dev",
          "development",
          "example",
          "letmein",
          "welcome",
          "qwerty",
          "123456",
          "12345678",
          "1234567890",
          "mysecretpassword",
          "supersecret",
          "vigil",
          "platform");

  private PasswordStrength() {}

  /** Why the password is unacceptable, or null when it is acceptable. */
  public static String weakness(String password) {
    if (password == null || password.isEmpty()) {
      return "empty";
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (KNOWN.contains(lower) || KNOWN.contains(lower.replaceAll("[0-9!.]+$", ""))) {
      return "a known default or development password";
    }
    if (password.length() < MIN_LENGTH) {
      return "shorter than " + MIN_LENGTH + " characters";
    }
    long distinct = password.chars().distinct().count();
    if (distinct < 8) {
      return "fewer than 8 distinct characters";
    }
    if (bits(password) < MIN_BITS) {
      return "less than " + MIN_BITS + " bits of entropy";
    }
    return null;
  }

  /** Length times log2 of the alphabet the characters are drawn from: an upper bound. */
  static double bits(String password) {
    int alphabet = 0;
    if (password.chars().anyMatch(Character::isLowerCase)) {
      alphabet += 26;
    }
    if (password.chars().anyMatch(Character::isUpperCase)) {
      alphabet += 26;
    }
    if (password.chars().anyMatch(Character::isDigit)) {
      alphabet += 10;
    }
    if (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c))) {
      alphabet += 33;
    }
    return password.length() * (Math.log(alphabet) / Math.log(2));
  }
}
