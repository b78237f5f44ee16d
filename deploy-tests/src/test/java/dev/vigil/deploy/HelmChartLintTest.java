package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The chart passes Helm's own linter in strict mode (warnings fail too). */
class HelmChartLintTest {

  @Test
  void shouldPassStrictLint() {
    LintResult result = Chart.helm().lint().strict().call();

    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .as("no lint errors or warnings")
        .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
  }

  @Test
  void shouldShipValuesSchemaAndNotes() {
    assertThat(Chart.CHART_DIR.resolve("values.schema.json")).isRegularFile();
    assertThat(Chart.CHART_DIR.resolve("templates/NOTES.txt")).isRegularFile();
    assertThat(Chart.CHART_DIR.resolve("README.md")).isRegularFile();
    assertThat(Files.exists(Chart.CHART_DIR.resolve("Chart.yaml"))).isTrue();
  }
}
