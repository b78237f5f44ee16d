package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Kubernetes objects the posture rules look at, read from a live cluster or parsed from
 * manifests. Immutable; the lists never contain nulls.
 */
public record ClusterSnapshot(
    List<Deployment> deployments,
    List<StatefulSet> statefulSets,
    List<DaemonSet> daemonSets,
    List<Job> jobs,
    List<CronJob> cronJobs,
    List<Pod> pods,
    List<Service> services,
    List<Ingress> ingresses,
    List<NetworkPolicy> networkPolicies,
    List<Secret> secrets,
    List<ConfigMap> configMaps,
    List<GenericKubernetesResource> vulnerabilityReports) {

  /** The kind of Trivy Operator's per-container image scan results (MNT-02). */
  public static final String VULNERABILITY_REPORT_KIND = "VulnerabilityReport";

  public ClusterSnapshot {
    deployments = copy(deployments);
    statefulSets = copy(statefulSets);
    daemonSets = copy(daemonSets);
    jobs = copy(jobs);
    cronJobs = copy(cronJobs);
    pods = copy(pods);
    services = copy(services);
    ingresses = copy(ingresses);
    networkPolicies = copy(networkPolicies);
    secrets = copy(secrets);
    configMaps = copy(configMaps);
    vulnerabilityReports = copy(vulnerabilityReports);
  }

  /** A snapshot with no objects. */
  public static ClusterSnapshot empty() {
    return of(List.of());
  }

  /**
   * Sorts objects into the snapshot's lists by type. Kinds the rules do not look at (and older API
   * versions such as extensions/v1beta1 Ingress) are ignored.
   */
  public static ClusterSnapshot of(Collection<? extends HasMetadata> objects) {
    List<Deployment> deployments = new ArrayList<>();
    List<StatefulSet> statefulSets = new ArrayList<>();
    List<DaemonSet> daemonSets = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    List<CronJob> cronJobs = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<Ingress> ingresses = new ArrayList<>();
    List<NetworkPolicy> networkPolicies = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>();
    List<ConfigMap> configMaps = new ArrayList<>();
    List<GenericKubernetesResource> vulnerabilityReports = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof Deployment deployment) {
        deployments.add(deployment);
      } else if (object instanceof StatefulSet statefulSet) {
        statefulSets.add(statefulSet);
      } else if (object instanceof DaemonSet daemonSet) {
        daemonSets.add(daemonSet);
      } else if (object instanceof Job job) {
        jobs.add(job);
      } else if (object instanceof CronJob cronJob) {
        cronJobs.add(cronJob);
      } else if (object instanceof Pod pod) {
        pods.add(pod);
      } else if (object instanceof Service service) {
        services.add(service);
      } else if (object instanceof Ingress ingress) {
        ingresses.add(ingress);
      } else if (object instanceof NetworkPolicy networkPolicy) {
        networkPolicies.add(networkPolicy);
      } else if (object instanceof Secret secret) {
        secrets.add(secret);
      } else if (object instanceof ConfigMap configMap) {
        configMaps.add(configMap);
      } else if (object instanceof GenericKubernetesResource resource
          && VULNERABILITY_REPORT_KIND.equals(resource.getKind())) {
        vulnerabilityReports.add(resource);
      }
    }
    return new ClusterSnapshot(
        deployments,
        statefulSets,
        daemonSets,
        jobs,
        cronJobs,
        pods,
        services,
        ingresses,
        networkPolicies,
        secrets,
        configMaps,
        vulnerabilityReports);
  }

  /** How many objects the snapshot holds, over all lists. */
  public int objectCount() {
    return Stream.of(
            deployments,
            statefulSets,
            daemonSets,
            jobs,
            cronJobs,
            pods,
            services,
            ingresses,
            networkPolicies,
            secrets,
            configMaps,
            vulnerabilityReports)
        .mapToInt(List::size)
        .sum();
  }

  /** The Secret with this name in this namespace, if the snapshot has it. */
  public Optional<Secret> secret(String namespace, String name) {
    return find(secrets, namespace, name);
  }

  /** The ConfigMap with this name in this namespace, if the snapshot has it. */
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return find(configMaps, namespace, name);
  }

  private static <T extends HasMetadata> Optional<T> find(
      List<T> objects, String namespace, String name) {
    return objects.stream()
        .filter(object -> Meta.namespace(object).equals(Meta.orEmpty(namespace)))
        .filter(object -> Meta.name(object).equals(name))
        .findFirst();
  }

  private static <T> List<T> copy(List<T> objects) {
    return objects == null ? List.of() : List.copyOf(objects);
  }
}
