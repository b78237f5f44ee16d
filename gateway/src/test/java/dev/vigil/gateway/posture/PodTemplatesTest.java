package dev.vigil.gateway.posture;

import static dev.vigil.gateway.posture.TestWorkloads.barePod;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.cronJob;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
import static dev.vigil.gateway.posture.TestWorkloads.job;
import static dev.vigil.gateway.posture.TestWorkloads.ownedPod;
import static dev.vigil.gateway.posture.TestWorkloads.podSpec;
import static dev.vigil.gateway.posture.TestWorkloads.snapshot;
import static dev.vigil.gateway.posture.TestWorkloads.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodTemplatesTest {

  @Test
  void shouldYieldEveryPodSpecWithItsOwnerAndPath() {
    List<PodTemplate> templates =
        PodTemplates.of(
            snapshot(
                deployment("web", Map.of("app", "web"), podSpec(container("web").build())),
                statefulSet("db", Map.of("app", "db"), podSpec(container("db").build())),
                job("migrate", 3, podSpec(container("migrate").build())),
                cronJob("backup", 3, podSpec(container("backup").build())),
                barePod("debug", Map.of("app", "debug"), podSpec(container("debug").build())),
                ownedPod("web-5d8f7-abcde", podSpec(container("web").build()))));

    assertThat(templates)
        .extracting(
            PodTemplate::kind, PodTemplate::name, PodTemplate::fieldPrefix, PodTemplate::labels)
        .containsExactly(
            tuple("Deployment", "web", "spec.template.spec", Map.of("app", "web")),
            tuple("StatefulSet", "db", "spec.template.spec", Map.of("app", "db")),
            tuple("Job", "migrate", "spec.template.spec", Map.of()),
            tuple("CronJob", "backup", "spec.jobTemplate.spec.template.spec", Map.of()),
            tuple("Pod", "debug", "spec", Map.of("app", "debug")));
    assertThat(templates)
        .extracting(PodTemplate::labelsField)
        .containsExactly(
            "spec.template.metadata.labels",
            "spec.template.metadata.labels",
            "spec.template.metadata.labels",
            "spec.jobTemplate.spec.template.metadata.labels",
            "metadata.labels");
  }

  @Test
  void shouldListInitContainersFirstWithTheirRealIndex() {
    PodTemplate template =
        PodTemplates.of(
                snapshot(
                    deployment(
                        "web",
                        new PodSpecBuilder()
                            .withInitContainers(container("init").build())
                            .withContainers(container("app").build(), container("sidecar").build())
                            .build())))
            .get(0);

    assertThat(template.containers())
        .extracting(ContainerRef::field, ContainerRef::name, ContainerRef::init)
        .containsExactly(
            tuple("spec.template.spec.initContainers[0]", "init", true),
            tuple("spec.template.spec.containers[0]", "app", false),
            tuple("spec.template.spec.containers[1]", "sidecar", false));
  }
}
