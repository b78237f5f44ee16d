package dev.vigil.backups.cnpg;

import dev.vigil.backups.BackupsConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Reads CloudNativePG {@code Backup} and {@code ScheduledBackup} objects in the configured
 * namespaces (list only; the chart grants get/list/watch on those two kinds and nothing else).
 * Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class CnpgObserver {

  private static final Logger LOG = Logger.getLogger(CnpgObserver.class);
  static final ResourceDefinitionContext BACKUPS = kind("Backup", "backups");
  static final ResourceDefinitionContext SCHEDULED = kind("ScheduledBackup", "scheduledbackups");

  private final KubernetesClient client;
  private final List<String> namespaces;

  @Inject
  CnpgObserver(KubernetesClient client, BackupsConfig config) {
    this(client, config.cnpg().namespaces().orElse(List.of()));
  }

  CnpgObserver(KubernetesClient client, List<String> namespaces) {
    this.client = client;
    this.namespaces = List.copyOf(namespaces);
  }

  public CnpgObservation observe() {
    if (namespaces.isEmpty()) {
      return CnpgObservation.off();
    }
    List<CnpgCluster> clusters = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    for (String namespace : namespaces) {
      try {
        clusters.addAll(clusters(namespace));
      } catch (KubernetesClientException e) {
        String reason = e.getCode() > 0 ? "HTTP " + e.getCode() : e.getClass().getSimpleName();
        LOG.warnf("CloudNativePG objects in %s could not be read: %s", namespace, reason);
        unreadable.put(namespace, reason);
      }
    }
    return new CnpgObservation(clusters, unreadable);
  }

  private List<CnpgCluster> clusters(String namespace) {
    Map<String, List<CnpgCluster.Schedule>> schedules = new TreeMap<>();
    Map<String, List<CnpgCluster.BackupRun>> backups = new TreeMap<>();
    for (GenericKubernetesResource item : list(SCHEDULED, namespace)) {
      String cluster = text(item, "spec", "cluster", "name");
      if (cluster != null) {
        schedules
            .computeIfAbsent(cluster, c -> new ArrayList<>())
            .add(
                new CnpgCluster.Schedule(
                    item.getMetadata().getName(),
                    text(item, "spec", "schedule"),
                    Boolean.parseBoolean(text(item, "spec", "suspend"))));
      }
    }
    for (GenericKubernetesResource item : list(BACKUPS, namespace)) {
      String cluster = text(item, "spec", "cluster", "name");
      if (cluster != null) {
        backups
            .computeIfAbsent(cluster, c -> new ArrayList<>())
            .add(
                new CnpgCluster.BackupRun(
                    item.getMetadata().getName(),
                    text(item, "status", "phase"),
                    text(item, "spec", "method"),
                    time(text(item, "status", "startedAt")),
                    time(text(item, "status", "stoppedAt")),
                    text(item, "status", "error")));
      }
    }
    List<CnpgCluster> result = new ArrayList<>();
    java.util.Set<String> names = new java.util.TreeSet<>(schedules.keySet());
    names.addAll(backups.keySet());
    for (String name : names) {
      result.add(
          new CnpgCluster(
              namespace,
              name,
              schedules.getOrDefault(name, List.of()),
              backups.getOrDefault(name, List.of())));
    }
    return result;
  }

  private List<GenericKubernetesResource> list(ResourceDefinitionContext kind, String namespace) {
    return client.genericKubernetesResources(kind).inNamespace(namespace).list().getItems();
  }

  private static String text(GenericKubernetesResource item, String... path) {
    Object value = item.getAdditionalProperties();
    for (String key : path) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(key);
    }
    return value == null ? null : value.toString();
  }

  private static OffsetDateTime time(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static ResourceDefinitionContext kind(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("postgresql.cnpg.io")
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
