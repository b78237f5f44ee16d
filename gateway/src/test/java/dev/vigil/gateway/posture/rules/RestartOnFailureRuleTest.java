package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.barePod;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.cronJob;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
import static dev.vigil.gateway.posture.TestWorkloads.job;
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
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestartOnFailureRuleTest {

  final RestartOnFailureRule rule = new RestartOnFailureRule();

  RuleResult check(ClusterSnapshot snapshot) {
    return rule.check(snapshot, settings(), NOW);
  }

  static PodSpec jobSpec(String restartPolicy) {
    return new PodSpecBuilder(podSpec(container("task").withLivenessProbe(null).build()))
        .withRestartPolicy(restartPolicy)
        .build();
  }

  @Test
  void shouldPassControllersThatRestartTheirPods() {
    RuleResult result =
        check(
            snapshot(
                deployment("web", podSpec(container("web").build())),
                job("migrate", 3, jobSpec("Never")),
                cronJob("backup", null, jobSpec("OnFailure"))));

    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
    assertThat(result.objectsChecked()).isEqualTo(3);
  }

  @Test
  void shouldFailABarePod() {
    RuleResult result =
        check(snapshot(barePod("debug", Map.of(), podSpec(container("debug").build()))));

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings())
        .extracting(
            Finding::control, Finding::severity, Finding::kind, Finding::field, Finding::message)
        .containsExactly(
            tuple(
                "CON-03",
                Severity.FAIL,
                "Pod",
                "metadata.ownerReferences",
                "Pod is not managed by a controller, nothing restarts it."));
  }

  @Test
  void shouldLeavePodsWithAnOwnerToTheirController() {
    RuleResult result =
        check(snapshot(ownedPod("web-5d8f7-abcde", podSpec(container("web").build()))));

    assertThat(result.status()).isEqualTo(ControlStatus.UNKNOWN);
  }

  @Test
  void shouldWarnAboutALongRunningContainerWithoutLivenessProbe() {
    RuleResult result =
        check(
            snapshot(
                deployment(
                    "web",
                    podSpec(
                        container("web").build(),
                        container("sidecar").withLivenessProbe(null).build()))));

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(tuple(Severity.WARN, "spec.template.spec.containers[1].livenessProbe"));
  }

  @Test
  void shouldFailADeploymentThatDoesNotRestartAlways() {
    RuleResult result =
        check(
            snapshot(
                deployment(
                    "web",
                    new PodSpecBuilder(podSpec(container("web").build()))
                        .withRestartPolicy("OnFailure")
                        .build())));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(tuple(Severity.FAIL, "spec.template.spec.restartPolicy"));
  }

  @Test
  void shouldFailJobsThatNeverRetry() {
    RuleResult result =
        check(
            snapshot(job("migrate", 0, jobSpec("Never")), cronJob("backup", 0, jobSpec("Never"))));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::kind, Finding::field)
        .containsExactly(
            tuple(Severity.FAIL, "CronJob", "spec.jobTemplate.spec.backoffLimit"),
            tuple(Severity.FAIL, "Job", "spec.backoffLimit"));
  }
}
