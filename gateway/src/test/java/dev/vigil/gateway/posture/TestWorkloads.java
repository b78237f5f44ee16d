package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compliant workloads to start tests from; each test breaks the one thing it is about. */
public final class TestWorkloads {

  public static final String NAMESPACE = "apps";
  public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private TestWorkloads() {}

  /** A container every template rule passes: non-root, no escalation, memory limit, probe. */
  public static ContainerBuilder container(String name) {
    return new ContainerBuilder()
        .withName(name)
        .withImage("ghcr.io/vigil/" + name + ":1.0.0")
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(185L)
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .endSecurityContext()
        .withNewResources()
        .withLimits(Map.of("memory", new Quantity("256Mi")))
        .endResources()
        .withNewLivenessProbe()
        .withNewHttpGet()
        .withPath("/q/health/live")
        .withNewPort(8080)
        .endHttpGet()
        .endLivenessProbe();
  }

  /** A pod spec with these containers. */
  public static PodSpec podSpec(Container... containers) {
    return new PodSpecBuilder().withContainers(containers).build();
  }

  public static Deployment deployment(String name, PodSpec spec) {
    return deployment(name, Map.of("app.kubernetes.io/name", name), spec);
  }

  public static Deployment deployment(String name, Map<String, String> labels, PodSpec spec) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withSpec(spec)
        .endTemplate()
        .endSpec()
        .build();
  }

  public static StatefulSet statefulSet(String name, Map<String, String> labels, PodSpec spec) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withSpec(spec)
        .endTemplate()
        .endSpec()
        .build();
  }

  public static Job job(String name, Integer backoffLimit, PodSpec spec) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(backoffLimit)
        .withNewTemplate()
        .withSpec(spec)
        .endTemplate()
        .endSpec()
        .build();
  }

  public static CronJob cronJob(String name, Integer backoffLimit, PodSpec spec) {
    return new CronJobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withSchedule("0 3 * * *")
        .withNewJobTemplate()
        .withNewSpec()
        .withBackoffLimit(backoffLimit)
        .withNewTemplate()
        .withSpec(spec)
        .endTemplate()
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }

  /** A pod no controller owns. */
  public static Pod barePod(String name, Map<String, String> labels, PodSpec spec) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .withLabels(labels)
        .endMetadata()
        .withSpec(spec)
        .build();
  }

  /** A pod a ReplicaSet owns, as a live cluster lists it. */
  public static Pod ownedPod(String name, PodSpec spec) {
    return new PodBuilder(barePod(name, Map.of(), spec))
        .editMetadata()
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("ReplicaSet")
        .withName(name + "-5d8f7")
        .withUid("8a4c1b2e-0000-4000-8000-000000000001")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .build();
  }

  public static ClusterSnapshot snapshot(HasMetadata... objects) {
    return ClusterSnapshot.of(List.of(objects));
  }

  public static PostureSettings settings() {
    return PostureSettings.defaults();
  }

  /**
   * A Trivy Operator VulnerabilityReport of one container, for image {@code
   * registry/repository:tag} refreshed at {@code updated}; each vulnerability is {@code id severity
   * fixedVersion} (an empty fixed version: no fix released).
   */
  public static GenericKubernetesResource vulnerabilityReport(
      String resourceKind,
      String resourceName,
      String container,
      String registry,
      String repository,
      String tag,
      Instant updated,
      String... vulnerabilities) {
    List<Map<String, Object>> found = new ArrayList<>();
    for (String vulnerability : vulnerabilities) {
      String[] parts = vulnerability.split(" ", -1);
      found.add(
          Map.of(
              "vulnerabilityID",
              parts[0],
              "severity",
              parts[1],
              "resource",
              "libexample",
              "installedVersion",
              "1.0.0",
              "fixedVersion",
              parts[2],
              "title",
              "an example flaw"));
    }
    GenericKubernetesResource report = new GenericKubernetesResource();
    report.setApiVersion("aquasecurity.github.io/v1alpha1");
    report.setKind("VulnerabilityReport");
    report.setMetadata(
        new ObjectMetaBuilder()
            .withName(resourceKind.toLowerCase(Locale.ROOT) + "-" + resourceName + "-" + container)
            .withNamespace(NAMESPACE)
            .withLabels(
                Map.of(
                    "trivy-operator.resource.kind", resourceKind,
                    "trivy-operator.resource.name", resourceName,
                    "trivy-operator.resource.namespace", NAMESPACE,
                    "trivy-operator.container.name", container))
            .build());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("updateTimestamp", updated.toString());
    body.put("registry", Map.of("server", registry));
    body.put("artifact", Map.of("repository", repository, "tag", tag));
    body.put("scanner", Map.of("name", "Trivy", "vendor", "Aqua Security", "version", "0.58.0"));
    body.put("vulnerabilities", found);
    report.setAdditionalProperty("report", body);
    return report;
  }
}
