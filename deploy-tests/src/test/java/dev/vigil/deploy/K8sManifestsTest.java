package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * k8s/vigil.yaml must stay byte-for-byte equal to the chart rendered with k8s/render-values.yaml.
 * Run with -Dvigil.k8s.regenerate=true to rewrite it.
 */
class K8sManifestsTest {

  static final String REGENERATE_PROPERTY = "vigil.k8s.regenerate";

  @Test
  void shouldKeepPlainManifestsEqualToChartRender() throws IOException {
    String rendered = Chart.templateWithRenderValues().call();

    if (Boolean.getBoolean(REGENERATE_PROPERTY)) {
      Files.writeString(Chart.K8S_MANIFESTS, rendered);
    }

    assertThat(Chart.K8S_MANIFESTS).isRegularFile();
    String committed = Files.readString(Chart.K8S_MANIFESTS);
    assertThat(committed)
        .as(
            "k8s/vigil.yaml is out of date with helm/vigil. Regenerate it with"
                + " `./mvnw -pl deploy-tests test -Dvigil.k8s.regenerate=true`"
                + " or `helm template vigil helm/vigil -n vigil -f k8s/render-values.yaml"
                + " > k8s/vigil.yaml`")
        .isEqualTo(rendered);
  }

  @Test
  void shouldRenderPlaceholdersThatTheReadmeTellsOperatorsToEdit() throws IOException {
    String committed = Files.readString(Chart.K8S_MANIFESTS);
    String readme = Files.readString(Chart.K8S_DIR.resolve("README.md"));

    for (String placeholder :
        new String[] {"CHANGE-ME-tenant-id", "CHANGE-ME-client-id", "vigil-db", "kafka:9092"}) {
      assertThat(committed).contains(placeholder);
      assertThat(readme).contains(placeholder);
    }
    assertThat(committed).contains("namespace: vigil").doesNotContain("kind: Secret\n");
  }
}
