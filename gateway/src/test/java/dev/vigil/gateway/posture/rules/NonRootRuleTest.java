package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.cronJob;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
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
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import org.junit.jupiter.api.Test;

class NonRootRuleTest {

  final NonRootRule rule = new NonRootRule();

  RuleResult check(ClusterSnapshot snapshot) {
    return rule.check(snapshot, settings(), NOW);
  }

  @Test
  void shouldPassANonRootContainerThatCannotEscalate() {
    RuleResult result = check(snapshot(deployment("web", podSpec(container("web").build()))));

    assertThat(result.control()).isEqualTo("CON-01");
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
    assertThat(result.objectsChecked()).isEqualTo(1);
  }

  @Test
  void shouldTakeRunAsNonRootFromThePodSecurityContext() {
    RuleResult result =
        check(
            snapshot(
                deployment(
                    "web",
                    new PodSpecBuilder()
                        .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .endSecurityContext()
                        .withContainers(
                            new ContainerBuilder()
                                .withName("web")
                                .withSecurityContext(
                                    new SecurityContextBuilder()
                                        .withAllowPrivilegeEscalation(false)
                                        .build())
                                .build())
                        .build())));

    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldFailAContainerThatOverridesThePodWithRoot() {
    RuleResult result =
        check(
            snapshot(
                deployment(
                    "web",
                    new PodSpecBuilder()
                        .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(185L)
                        .endSecurityContext()
                        .withContainers(
                            container("web")
                                .editSecurityContext()
                                .withRunAsNonRoot(null)
                                .withRunAsUser(0L)
                                .endSecurityContext()
                                .build())
                        .build())));

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings())
        .extracting(Finding::control, Finding::severity, Finding::kind, Finding::field)
        .containsExactly(
            tuple(
                "CON-01",
                Severity.FAIL,
                "Deployment",
                "spec.template.spec.containers[0].securityContext.runAsUser"));
  }

  @Test
  void shouldFailPrivilegeEscalationUnlessExplicitlyFalseOnEveryContainer() {
    RuleResult result =
        check(
            snapshot(
                deployment(
                    "web",
                    new PodSpecBuilder()
                        .withInitContainers(
                            container("init")
                                .editSecurityContext()
                                .withAllowPrivilegeEscalation(null)
                                .endSecurityContext()
                                .build())
                        .withContainers(
                            container("web").build(),
                            container("sidecar")
                                .editSecurityContext()
                                .withAllowPrivilegeEscalation(true)
                                .withPrivileged(true)
                                .endSecurityContext()
                                .build())
                        .build())));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(
            tuple(
                Severity.FAIL,
                "spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation"),
            tuple(Severity.FAIL, "spec.template.spec.containers[1].securityContext.privileged"),
            tuple(
                Severity.FAIL,
                "spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation"));
  }

  @Test
  void shouldFailAContainerWithoutAnySecurityContext() {
    RuleResult result =
        check(
            snapshot(
                cronJob(
                    "backup",
                    3,
                    podSpec(new ContainerBuilder().withName("backup").withImage("b:1").build()))));

    assertThat(result.findings())
        .extracting(Finding::kind, Finding::field)
        .containsExactly(
            tuple(
                "CronJob",
                "spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation"),
            tuple(
                "CronJob",
                "spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsNonRoot"));
  }

  @Test
  void shouldPointAtThePodWhenThePodSaysRunAsNonRootFalse() {
    RuleResult result =
        check(
            snapshot(
                deployment(
                    "web",
                    new PodSpecBuilder()
                        .withNewSecurityContext()
                        .withRunAsNonRoot(false)
                        .endSecurityContext()
                        .withContainers(
                            container("web")
                                .editSecurityContext()
                                .withRunAsNonRoot(null)
                                .withRunAsUser(null)
                                .endSecurityContext()
                                .build())
                        .build())));

    assertThat(result.findings())
        .extracting(Finding::field)
        .containsExactly("spec.template.spec.securityContext.runAsNonRoot");
  }

  @Test
  void shouldBeUnknownWithoutWorkloads() {
    RuleResult result = check(ClusterSnapshot.empty());

    assertThat(result.status()).isEqualTo(ControlStatus.UNKNOWN);
    assertThat(result.summary()).isEqualTo("no workloads or bare pods in the snapshot");
  }
}
