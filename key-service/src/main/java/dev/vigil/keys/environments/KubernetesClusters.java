package dev.vigil.keys.environments;

import dev.vigil.keys.KeysConfig;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes API of each environment's cluster: the one key-service runs in (no cluster
 * context), or a context of the kubeconfig file {@code vigil.keys.kubeconfig}. Clients are built
 * once per context; the file is read when a context is first used.
 */
@ApplicationScoped
public class KubernetesClusters {

  private final KubernetesClient local;
  private final KeysConfig config;
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  KubernetesClusters(KubernetesClient local, KeysConfig config) {
    this.local = local;
    this.config = config;
  }

  /** The API of the cluster with this context; the local one for null. */
  public KubernetesClient client(String context) {
    if (context == null) {
      return local;
    }
    return clients.computeIfAbsent(context, this::connect);
  }

  /**
   * Whether a namespace of this cluster (null context) is Vigil's own: key-service never touches a
   * Secret there.
   */
  public boolean isReleaseNamespace(String context, String namespace) {
    if (context != null) {
      return false;
    }
    String release = config.releaseNamespace().orElseGet(local::getNamespace);
    return namespace.equals(release);
  }

  /** The contexts the kubeconfig file names; empty without one. */
  public List<String> contexts() {
    if (config.kubeconfig().isEmpty()) {
      return List.of();
    }
    return KubeConfigUtils.parseConfigFromString(kubeconfig()).getContexts().stream()
        .map(NamedContext::getName)
        .toList();
  }

  private KubernetesClient connect(String context) {
    if (!contexts().contains(context)) {
      throw new IllegalArgumentException(
          "no cluster context " + context + " in vigil.keys.kubeconfig");
    }
    String contents = kubeconfig();
    Config cluster = Config.fromKubeconfig(context, contents, config.kubeconfig().get());
    // kubernetes.* system properties (set by whatever configured the local client) must not
    // redirect another cluster's client: its server is the one its context names.
    cluster.setMasterUrl(server(contents, context));
    return new KubernetesClientBuilder().withConfig(cluster).build();
  }

  private static String server(String contents, String context) {
    io.fabric8.kubernetes.api.model.Config parsed = KubeConfigUtils.parseConfigFromString(contents);
    String clusterName =
        parsed.getContexts().stream()
            .filter(c -> c.getName().equals(context))
            .findFirst()
            .orElseThrow()
            .getContext()
            .getCluster();
    return parsed.getClusters().stream()
        .filter(c -> c.getName().equals(clusterName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("context " + context + " names no cluster"))
        .getCluster()
        .getServer();
  }

  private String kubeconfig() {
    try {
      return Files.readString(Path.of(config.kubeconfig().orElseThrow()));
    } catch (IOException e) {
      throw new UncheckedIOException("vigil.keys.kubeconfig cannot be read", e);
    }
  }

  @PreDestroy
  void close() {
    clients.values().forEach(KubernetesClient::close);
  }
}
