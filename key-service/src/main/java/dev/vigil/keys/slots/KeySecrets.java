package dev.vigil.keys.slots;

import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.environments.KubernetesClusters;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Kubernetes Secret that holds an environment's key slots, one data entry per slot. Blocking
 * (Fabric8): call from a worker thread.
 */
@ApplicationScoped
public class KeySecrets {

  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String ENVIRONMENT = "vigil.dev/environment";
  static final String OWNER = "vigil.dev/owner";

  private final KubernetesClusters clusters;

  KeySecrets(KubernetesClusters clusters) {
    this.clusters = clusters;
  }

  /**
   * Every data entry of the environment's Secret, decoded; empty when there is no Secret.
   *
   * @throws UnmanagedSecretException when the Secret is not labelled as this environment's
   */
  public Map<String, String> read(Environment environment) {
    return decoded(managed(environment, secret(environment)));
  }

  /**
   * Explicit adoption: labels the environment's existing Secret as its key Secret (metadata only,
   * no data changes), so every later read and write accepts it.
   *
   * @throws UnmanagedSecretException when the Secret is labelled for another environment
   */
  public void adopt(Environment environment) {
    Secret existing = secret(environment);
    if (existing == null || isManaged(existing, environment)) {
      return;
    }
    String labelled = labels(existing).get(ENVIRONMENT);
    if (labelled != null) {
      throw new UnmanagedSecretException(
          environment.namespace, environment.secretName, environment.name);
    }
    kubernetes(environment)
        .secrets()
        .inNamespace(environment.namespace)
        .resource(
            new SecretBuilder(existing)
                .editMetadata()
                .addToLabels(MANAGED_BY, "vigil")
                .addToLabels(ENVIRONMENT, environment.name)
                .addToAnnotations(OWNER, "key-service")
                .endMetadata()
                .build())
        .update();
  }

  /**
   * Every data entry of a Secret in the environment's namespace, decoded; empty when there is no
   * such Secret.
   */
  public Map<String, String> read(Environment environment, String name) {
    return decoded(
        kubernetes(environment).secrets().inNamespace(environment.namespace).withName(name).get());
  }

  /**
   * Adds slots to the environment's Secret, creating it when missing; never overwrites a slot.
   * Updates carry the resourceVersion just read, so a concurrent writer makes this read and merge
   * again instead of losing its entries.
   */
  public void add(Environment environment, Map<String, String> slots) {
    change(environment, entries -> slots.forEach(entries::putIfAbsent));
  }

  /** Sets entries of the environment's Secret, replacing values that are there. */
  public void put(Environment environment, Map<String, String> entries) {
    change(environment, current -> current.putAll(entries));
  }

  /** Removes entries from the environment's Secret. */
  public void remove(Environment environment, Collection<String> entries) {
    change(environment, current -> current.keySet().removeAll(entries));
  }

  /**
   * Applies a change to the decoded entries of the Secret and writes the result at the version
   * read; on a conflict (someone else wrote in between) reads and applies it again.
   */
  private void change(Environment environment, Consumer<Map<String, String>> change) {
    for (int attempt = 1; ; attempt++) {
      Secret existing = managed(environment, secret(environment));
      Map<String, String> entries = decoded(existing);
      change.accept(entries);
      try {
        if (existing == null) {
          kubernetes(environment)
              .secrets()
              .inNamespace(environment.namespace)
              .resource(
                  labelled(
                      new SecretBuilder()
                          .withNewMetadata()
                          .withName(environment.secretName)
                          .withNamespace(environment.namespace)
                          .endMetadata()
                          .withType("Opaque"),
                      environment,
                      encoded(entries)))
              .create();
        } else {
          kubernetes(environment)
              .secrets()
              .inNamespace(environment.namespace)
              .resource(labelled(new SecretBuilder(existing), environment, encoded(entries)))
              .update();
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> values = new LinkedHashMap<>();
    if (secret != null && secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (entry, encoded) ->
                  values.put(
                      entry,
                      new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)));
    }
    if (secret != null && secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    return values;
  }

  private static Map<String, String> encoded(Map<String, String> entries) {
    Map<String, String> data = new LinkedHashMap<>();
    entries.forEach(
        (entry, value) ->
            data.put(
                entry, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return data;
  }

  private static Secret labelled(
      SecretBuilder secret, Environment environment, Map<String, String> data) {
    return secret
        .editMetadata()
        .addToLabels(MANAGED_BY, "vigil")
        .addToLabels(ENVIRONMENT, environment.name)
        .addToAnnotations(OWNER, "key-service")
        .endMetadata()
        .withData(data)
        .withStringData(null)
        .build();
  }

  private static Secret managed(Environment environment, Secret secret) {
    if (secret != null && !isManaged(secret, environment)) {
      throw new UnmanagedSecretException(
          environment.namespace, environment.secretName, environment.name);
    }
    return secret;
  }

  private static boolean isManaged(Secret secret, Environment environment) {
    Map<String, String> labels = labels(secret);
    return "vigil".equals(labels.get(MANAGED_BY))
        && environment.name.equals(labels.get(ENVIRONMENT));
  }

  private static Map<String, String> labels(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private KubernetesClient kubernetes(Environment environment) {
    // Also guards environments registered before the release namespace was refused.
    if (clusters.isReleaseNamespace(environment.clusterContext, environment.namespace)) {
      throw new ForbiddenException(
          "environment "
              + environment.name
              + " is in Vigil's own namespace; its Secrets are off limits");
    }
    return clusters.client(environment.clusterContext);
  }

  private Secret secret(Environment environment) {
    return kubernetes(environment)
        .secrets()
        .inNamespace(environment.namespace)
        .withName(environment.secretName)
        .get();
  }
}
