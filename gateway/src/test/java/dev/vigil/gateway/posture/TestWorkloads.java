package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
import java.util.List;
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
}
