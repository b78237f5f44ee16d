package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.barePod;
import static dev.vigil.gateway.posture.TestWorkloads.container;
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
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryLimitRuleTest {

  final MemoryLimitRule rule = new MemoryLimitRule();

  RuleResult check(ClusterSnapshot snapshot) {
    return rule.check(snapshot, settings(), NOW);
  }

  @Test
  void shouldPassContainersWithAMemoryLimit() {
    RuleResult result =
        check(
            snapshot(
                deployment(
                    "web",
                    new PodSpecBuilder()
                        .withInitContainers(container("init").build())
                        .withContainers(container("web").build())
                        .build())));

    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void shouldFailAnInitContainerWithoutAMemoryLimit() {
    RuleResult result =
        check(
            snapshot(
                deployment(
                    "web",
                    new PodSpecBuilder()
                        .withInitContainers(container("init").withResources(null).build())
                        .withContainers(container("web").build())
                        .build())));

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings())
        .extracting(Finding::control, Finding::severity, Finding::field)
        .containsExactly(
            tuple(
                "CON-02",
                Severity.FAIL,
                "spec.template.spec.initContainers[0].resources.limits.memory"));
  }

  @Test
  void shouldNotTakeARequestForALimit() {
    RuleResult result =
        check(
            snapshot(
                barePod(
                    "debug",
                    Map.of(),
                    podSpec(
                        container("debug")
                            .editResources()
                            .withLimits(Map.of("cpu", new Quantity("1")))
                            .withRequests(Map.of("memory", new Quantity("128Mi")))
                            .endResources()
                            .build()))));

    assertThat(result.findings())
        .extracting(Finding::kind, Finding::field)
        .containsExactly(tuple("Pod", "spec.containers[0].resources.limits.memory"));
  }
}
