package dev.vigil.backups.targets;

/**
 * Where a target's password comes from: a key of a Kubernetes Secret, an environment variable of
 * the service (the local stack), or nowhere (trust or certificate authentication). The password
 * itself is read only when connecting and never stored, returned, logged or put in an event.
 */
public sealed interface PasswordSource {

  /** A key of a Kubernetes Secret; {@code namespace} null means the service's own namespace. */
  record SecretKey(String namespace, String name, String key) implements PasswordSource {}

  /** An environment variable of the service. */
  record EnvironmentVariable(String name) implements PasswordSource {}

  /** A password the service was configured with (from a Secret through its environment). */
  record Configured(String value) implements PasswordSource {
    @Override
    public String toString() {
      return "Configured[value=<redacted>]";
    }
  }

  /** No password. */
  record None() implements PasswordSource {}

  static PasswordSource of(String namespace, String secret, String key, String env) {
    if (secret != null) {
      return new SecretKey(namespace, secret, key);
    }
    return env != null ? new EnvironmentVariable(env) : new None();
  }
}
