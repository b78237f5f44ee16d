package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
import static dev.vigil.gateway.posture.TestWorkloads.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PinnedVersionRuleTest {

  final PinnedVersionRule rule = new PinnedVersionRule();

  final PostureSettings settings =
      new PostureSettings(
          Map.of("app.kubernetes.io/name", "postgresql"),
          21,
          Duration.ofDays(90),
          Map.of("ghcr.io/vigil/gateway", "1.3.0", "docker.io/library/postgres", "16.4"),
          Duration.ofDays(7));

  RuleResult check(ClusterSnapshot snapshot) {
    return rule.check(snapshot, settings, NOW);
  }

  static ClusterSnapshot running(String... images) {
    PodSpecBuilder spec = new PodSpecBuilder();
    for (int i = 0; i < images.length; i++) {
      spec.addToContainers(container("c" + i).withImage(images[i]).build());
    }
    return snapshot(deployment("web", spec.build()));
  }

  @Test
  void shouldPassPinnedImagesAtTheLatestVersion() {
    RuleResult result =
        check(
            running(
                "ghcr.io/vigil/gateway:1.3.0",
                "postgres:16.4",
                "registry:5000/tools/app@" + ImageReferenceTest.DIGEST));

    assertThat(result.control()).isEqualTo("MNT-01");
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void shouldWarnAboutLatestAndUntaggedImages() {
    RuleResult result =
        check(running("ghcr.io/vigil/web:1.0.0", "nginx:latest", "registry:5000/app"));

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .extracting(Finding::control, Finding::severity, Finding::field)
        .containsExactly(
            tuple("MNT-01", Severity.WARN, "spec.template.spec.containers[1].image"),
            tuple("MNT-01", Severity.WARN, "spec.template.spec.containers[2].image"));
  }

  @Test
  void shouldWarnWhenAnOlderVersionThanTheLatestRuns() {
    RuleResult result =
        check(running("ghcr.io/vigil/gateway:1.2.0", "docker.io/library/postgres:16.4"));

    assertThat(result.findings())
        .extracting(Finding::field, Finding::message)
        .containsExactly(
            tuple(
                "spec.template.spec.containers[0].image",
                "Container c0 runs 1.2.0, latest is 1.3.0."));
  }

  @Test
  void shouldCheckInitContainersToo() {
    RuleResult result =
        check(
            snapshot(
                deployment(
                    "web",
                    new PodSpecBuilder()
                        .withInitContainers(container("init").withImage("busybox").build())
                        .withContainers(container("web").build())
                        .build())));

    assertThat(result.findings())
        .extracting(Finding::field)
        .containsExactly("spec.template.spec.initContainers[0].image");
  }
}
