package dev.vigil.backups.targets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Reads a target's password from its source, on a worker thread, only when connecting. */
@ApplicationScoped
public class Passwords {

  /** The password could not be read; the message names the source, never a value. */
  public static class UnavailableException extends RuntimeException {
    UnavailableException(String message) {
      super(message, null, false, false);
    }
  }

  private final KubernetesClient kubernetes;

  Passwords(KubernetesClient kubernetes) {
    this.kubernetes = kubernetes;
  }

  /** The password, or empty for {@link PasswordSource.None}. */
  public Optional<String> read(PasswordSource source) {
    if (source instanceof PasswordSource.EnvironmentVariable env) {
      return Optional.of(fromEnvironment(env.name()));
    }
    if (source instanceof PasswordSource.SecretKey ref) {
      return Optional.of(fromSecret(ref));
    }
    if (source instanceof PasswordSource.Configured configured) {
      return Optional.of(configured.value());
    }
    return Optional.empty();
  }

  private static String fromEnvironment(String name) {
    String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      throw new UnavailableException("environment variable " + name + " is not set");
    }
    return value;
  }

  private String fromSecret(PasswordSource.SecretKey ref) {
    String namespace = ref.namespace() != null ? ref.namespace() : kubernetes.getNamespace();
    Secret secret;
    try {
      secret = kubernetes.secrets().inNamespace(namespace).withName(ref.name()).get();
    } catch (KubernetesClientException e) {
      throw new UnavailableException(
          "Secret "
              + namespace
              + "/"
              + ref.name()
              + " could not be read (HTTP "
              + e.getCode()
              + ")");
    }
    if (secret == null) {
      throw new UnavailableException("Secret " + namespace + "/" + ref.name() + " does not exist");
    }
    if (secret.getData() != null && secret.getData().get(ref.key()) != null) {
      return new String(
          Base64.getDecoder().decode(secret.getData().get(ref.key())), StandardCharsets.UTF_8);
    }
    if (secret.getStringData() != null && secret.getStringData().get(ref.key()) != null) {
      return secret.getStringData().get(ref.key());
    }
    throw new UnavailableException(
        "Secret " + namespace + "/" + ref.name() + " has no key " + ref.key());
  }
}
