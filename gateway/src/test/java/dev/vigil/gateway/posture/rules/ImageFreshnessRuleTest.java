package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
import static dev.vigil.gateway.posture.TestWorkloads.ownedPod;
import static dev.vigil.gateway.posture.TestWorkloads.podSpec;
import static dev.vigil.gateway.posture.TestWorkloads.settings;
import static dev.vigil.gateway.posture.TestWorkloads.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImageFreshnessRuleTest {

  final ImageFreshnessRule rule = new ImageFreshnessRule();

  RuleResult check(ClusterSnapshot snapshot) {
    return rule.check(snapshot, settings(), NOW);
  }

  static Pod runningPod(String image, Duration runningFor) {
    return new PodBuilder(
            ownedPod("web-5d8f7-abcde", podSpec(container("web").withImage(image).build())))
        .withNewStatus()
        .withPhase("Running")
        .withStartTime(NOW.minus(runningFor).toString())
        .endStatus()
        .build();
  }

  @Test
  void shouldPassAPodRecentlyDeployedWithAPinnedImage() {
    RuleResult result = check(snapshot(runningPod("ghcr.io/vigil/web:1.4.2", Duration.ofDays(10))));

    assertThat(result.control()).isEqualTo("CON-04");
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
    assertThat(result.summary())
        .contains("oldest pod running since 2025-05-22T12:00:00Z (10 days)");
  }

  @Test
  void shouldWarnAboutAnImageNotRedeployedWithinTheMaximumAge() {
    RuleResult result =
        check(snapshot(runningPod("ghcr.io/vigil/web:1.4.2", Duration.ofDays(120))));

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .extracting(Finding::control, Finding::severity, Finding::kind, Finding::field)
        .containsExactly(tuple("CON-04", Severity.WARN, "Pod", "spec.containers[0].image"));
    assertThat(result.findings().get(0).message())
        .contains("image not rebuilt/redeployed for 120 days");
  }

  @Test
  void shouldFallBackToTheOldestRunningContainerStart() {
    Pod pod =
        new PodBuilder(runningPod("ghcr.io/vigil/web:1.4.2", Duration.ZERO))
            .editStatus()
            .withStartTime(null)
            .addNewContainerStatus()
            .withName("web")
            .withNewState()
            .withNewRunning()
            .withStartedAt(NOW.minus(Duration.ofDays(5)).toString())
            .endRunning()
            .endState()
            .endContainerStatus()
            .addNewContainerStatus()
            .withName("sidecar")
            .withNewState()
            .withNewRunning()
            .withStartedAt(NOW.minus(Duration.ofDays(95)).toString())
            .endRunning()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();

    assertThat(ImageFreshnessRule.runningSince(pod.getStatus()))
        .isEqualTo(NOW.minus(Duration.ofDays(95)));
    assertThat(check(snapshot(pod)).status()).isEqualTo(ControlStatus.WARN);
  }

  @Test
  void shouldWarnAboutAMutableTag() {
    RuleResult result = check(snapshot(runningPod("ghcr.io/vigil/web:latest", Duration.ofDays(1))));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(tuple(Severity.WARN, "spec.containers[0].image"));
  }

  @Test
  void shouldSkipCompletedPods() {
    Pod done =
        new PodBuilder(runningPod("ghcr.io/vigil/web:1.4.2", Duration.ofDays(200)))
            .editStatus()
            .withPhase("Succeeded")
            .endStatus()
            .build();

    RuleResult result = check(snapshot(done));

    assertThat(result.status()).isEqualTo(ControlStatus.UNKNOWN);
    assertThat(result.objectsChecked()).isZero();
  }

  @Test
  void shouldBeUnknownWithoutPods() {
    RuleResult result = check(snapshot(deployment("web", podSpec(container("web").build()))));

    assertThat(result.status()).isEqualTo(ControlStatus.UNKNOWN);
    assertThat(result.summary()).contains("no pods");
  }
}
