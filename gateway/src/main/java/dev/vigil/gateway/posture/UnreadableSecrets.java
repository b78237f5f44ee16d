package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Optional;

/**
 * A Secret the scan was not allowed to read stands in the snapshot as a placeholder without data,
 * annotated with the reason, so rules report "could not be read" instead of "not found".
 */
public final class UnreadableSecrets {

  static final String ANNOTATION = "vigil.dev/unreadable";

  private UnreadableSecrets() {}

  public static Secret placeholder(String namespace, String name, String reason) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .addToAnnotations(ANNOTATION, reason)
        .endMetadata()
        .build();
  }

  /** Why the scan could not read this Secret, when it is a placeholder. */
  public static Optional<String> reason(Secret secret) {
    return Optional.ofNullable(secret.getMetadata().getAnnotations())
        .map(annotations -> annotations.get(ANNOTATION));
  }
}
