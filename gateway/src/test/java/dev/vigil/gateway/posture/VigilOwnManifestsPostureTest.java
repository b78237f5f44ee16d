package dev.vigil.gateway.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.compliance.ControlStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Vigil's own rendered manifests (k8s/vigil.yaml) pass the workload controls Vigil checks. */
class VigilOwnManifestsPostureTest {

  static ClusterSnapshot snapshot;
  static List<RuleResult> results;

  @BeforeAll
  static void loadManifests() throws IOException {
    // Maven runs tests in the module directory; an IDE may run them in the repository root.
    Path manifests = Path.of("..", "k8s", "vigil.yaml");
    if (!Files.exists(manifests)) {
      manifests = Path.of("k8s", "vigil.yaml");
    }
    try (InputStream in = Files.newInputStream(manifests)) {
      snapshot = ClusterSnapshot.of(objects(new KubernetesSerialization().unmarshal(in)));
    }
    results = PostureRules.evaluate(snapshot, PostureSettings.defaults(), Instant.now());
  }

  /** A multi-document YAML file unmarshals to a list; a single document to one object. */
  @SuppressWarnings("unchecked")
  static List<HasMetadata> objects(Object parsed) {
    if (parsed instanceof KubernetesList list) {
      return list.getItems();
    }
    if (parsed instanceof List<?> list) {
      return (List<HasMetadata>) list;
    }
    return List.of((HasMetadata) parsed);
  }

  @Test
  void shouldReadEveryVigilDeployment() {
    assertThat(snapshot.deployments())
        .extracting(deployment -> deployment.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "vigil-gateway",
            "vigil-key-service",
            "vigil-backup-service",
            "vigil-access-review-service",
            "vigil-audit-log-service");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CON-01", "CON-02", "CON-03", "ENV-02", "ENV-03"})
  void shouldHaveNoFailingFindings(String control) {
    RuleResult result =
        results.stream().filter(r -> r.control().equals(control)).findFirst().orElseThrow();
    List<Finding> failures =
        result.findings().stream().filter(f -> f.severity() == Severity.FAIL).toList();

    assertThat(failures)
        .as(
            "%s on k8s/vigil.yaml (%s):%n%s",
            control,
            result.summary(),
            failures.stream().map(Finding::toString).collect(Collectors.joining("\n")))
        .isEmpty();
    assertThat(result.status()).isNotEqualTo(ControlStatus.FAIL);
  }
}
