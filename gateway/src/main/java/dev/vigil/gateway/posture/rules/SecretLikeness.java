package dev.vigil.gateway.posture.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells secret-like configuration entries by name and by value. The verdicts explain why without
 * ever repeating the value.
 */
final class SecretLikeness {

  /** A whole word of the name with one of these says it holds a secret: DB_PASSWORD, apiKey. */
  private static final Set<String> SECRET_WORDS =
      Set.of(
          "PASSWORD",
          "PASSWORDS",
          "PASSWD",
          "PWD",
          "PASSPHRASE",
          "SECRET",
          "SECRETS",
          "TOKEN",
          "KEY",
          "APIKEY",
          "PRIVATE",
          "CREDENTIAL",
          "CREDENTIALS",
          "PEPPER",
          "SALT",
          "DSN");

  /**
   * A name ending in one of these describes a secret rather than holding it: TOKEN_URL,
   * PRIVATE_KEY_PATH, SECRET_ROTATION_ENABLED, TOKEN_TTL_SECONDS, ACCESS_KEY_ID.
   */
  private static final Set<String> DESCRIPTIVE_LAST_WORDS =
      Set.of(
          "FILE",
          "PATH",
          "DIR",
          "MOUNT",
          "LOCATION",
          "URL",
          "URI",
          "ENDPOINT",
          "HOST",
          "PORT",
          "NAME",
          "REF",
          "ID",
          "HEADER",
          "TYPE",
          "ALG",
          "ALGORITHM",
          "FORMAT",
          "SIZE",
          "LENGTH",
          "BITS",
          "TTL",
          "TIMEOUT",
          "SECONDS",
          "MINUTES",
          "HOURS",
          "DAYS",
          "INTERVAL",
          "ROTATION",
          "ENABLED",
          "DISABLED",
          "ENABLE",
          "DISABLE",
          "REQUIRED",
          "VERSION",
          "COUNT",
          "POLICY",
          "ISSUER",
          "AUDIENCE");

  /** Names whose values are hashes by nature: a commit or digest is not a secret. */
  private static final Set<String> HASH_WORDS =
      Set.of("COMMIT", "SHA", "DIGEST", "HASH", "REVISION", "CHECKSUM", "FINGERPRINT");

  /** Flags and tiny numbers are configuration even under a secret-like name. */
  private static final Set<String> TRIVIAL_VALUES = Set.of("true", "false", "yes", "no", "0", "1");

  private static final Pattern WORD_BOUNDARY =
      Pattern.compile("[_\\-.]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

  /** Kubernetes expands $(OTHER_VAR) references; a value made only of them is no literal. */
  private static final Pattern VARIABLE_REFERENCES =
      Pattern.compile("(\\$\\([A-Za-z_][A-Za-z0-9_]*\\))+");

  // Each pattern starts only where its run of characters starts (a lookbehind) and never gives
  // back what a possessive quantifier took: linear in the value's length, where a pattern that may
  // start anywhere in a run rescans the rest of it from every position (quadratic).
  private static final Pattern JWT =
      Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]++\\.eyJ[A-Za-z0-9_-]++\\.");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*+://[^/\\s:@]*+:([^/\\s@]++)@");
  private static final Pattern LONG_HEX =
      Pattern.compile(
          "(?<![0-9A-Za-z])(?<!sha1:)(?<!sha256:)(?<!sha512:)[0-9a-fA-F]{32,}+(?![0-9A-Za-z])");

  private SecretLikeness() {}

  /**
   * The name's words in upper case: {@code dbPassword} and {@code DB_PASSWORD} give DB, PASSWORD.
   */
  static List<String> words(String name) {
    return Arrays.stream(WORD_BOUNDARY.split(name))
        .filter(word -> !word.isEmpty())
        .map(word -> word.toUpperCase(Locale.ROOT))
        .toList();
  }

  /** Whether the name says its value is a secret. */
  static boolean secretName(String name) {
    List<String> words = words(name);
    return !words.isEmpty()
        && words.stream().anyMatch(SECRET_WORDS::contains)
        && !DESCRIPTIVE_LAST_WORDS.contains(words.get(words.size() - 1));
  }

  /** Whether a literal value is something to protect at all (not empty, a flag or a reference). */
  static boolean substantial(String value) {
    if (value == null) {
      return false;
    }
    String trimmed = value.trim();
    return !trimmed.isEmpty()
        && !TRIVIAL_VALUES.contains(trimmed.toLowerCase(Locale.ROOT))
        && !VARIABLE_REFERENCES.matcher(trimmed).matches();
  }

  /**
   * What the value looks like if it looks like a secret whatever its name, e.g. {@code a PEM
   * block}.
   */
  static Optional<String> secretValue(String name, String value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.contains("-----BEGIN ")) {
      return Optional.of("a PEM block");
    }
    if (JWT.matcher(value).find()) {
      return Optional.of("a JSON Web Token");
    }
    Matcher url = URL_PASSWORD.matcher(value);
    while (url.find()) {
      if (!VARIABLE_REFERENCES.matcher(url.group(1)).matches()) {
        return Optional.of("a URL with a password");
      }
    }
    boolean hashByName = words(name).stream().anyMatch(HASH_WORDS::contains);
    if (!hashByName && LONG_HEX.matcher(value).find()) {
      return Optional.of("a long hex string, like a key");
    }
    return Optional.empty();
  }

  /**
   * Why a name/value pair is a literal secret, or empty if it is not: a secret-like name with a
   * substantial value, or a value that looks like a secret.
   */
  static Optional<String> literalSecret(String name, String value) {
    if (secretName(name) && substantial(value)) {
      return Optional.of("its name is secret-like");
    }
    return secretValue(name, value).map(kind -> "its value looks like " + kind);
  }
}
