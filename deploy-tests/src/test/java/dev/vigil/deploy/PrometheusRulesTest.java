package dev.vigil.deploy;

import static dev.vigil.deploy.Chart.list;
import static dev.vigil.deploy.Chart.map;
import static dev.vigil.deploy.Chart.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alert rules the chart renders pass {@code promtool check rules}, and every alert is exercised
 * by {@code promtool test rules} (deploy-tests/src/test/resources/promtool/alerts-test.yaml) with a
 * case where it fires and one where it does not. promtool comes from Debian's prometheus package,
 * which .ci/run installs; without it this test fails rather than skips.
 */
class PrometheusRulesTest {

  static final Path UNIT_TESTS = Path.of("src/test/resources/promtool/alerts-test.yaml");

  static Map<String, Object> renderedSpec;

  @BeforeAll
  static void render() {
    Map<String, Object> rule =
        ofKind(
                Chart.parse(
                    Chart.renderWith("monitoring:\n  prometheusRule:\n    enabled: true\n")),
                "PrometheusRule")
            .get(0);
    renderedSpec = map(rule, "spec");
  }

  @Test
  void shouldPassPromtoolCheckRules(@TempDir Path dir) throws Exception {
    Path rules = writeRules(dir);

    Result result = promtool(dir, "check", "rules", rules.getFileName().toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 11 rules found");
  }

  @Test
  void shouldPassPromtoolUnitTestsOfEveryAlert(@TempDir Path dir) throws Exception {
    writeRules(dir);
    Files.copy(UNIT_TESTS, dir.resolve("alerts-test.yaml"));

    Result result = promtool(dir, "test", "rules", "alerts-test.yaml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void shouldTestEveryAlertFiringAndNotFiring() throws IOException {
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Map<String, Object> test : list(load(Files.readString(UNIT_TESTS)), "tests")) {
      cases.addAll(list(test, "alert_rule_test"));
    }
    for (String alert : alerts()) {
      List<Map<String, Object>> ofAlert =
          cases.stream().filter(c -> alert.equals(c.get("alertname"))).toList();
      assertThat(ofAlert)
          .as(alert + " has a case where it fires")
          .anyMatch(c -> !list(c, "exp_alerts").isEmpty());
      assertThat(ofAlert)
          .as(alert + " has a case where it does not fire")
          .anyMatch(c -> list(c, "exp_alerts").isEmpty());
    }
  }

  @Test
  void shouldHaveARunbookSectionInOperationsForEveryAlert() throws IOException {
    String operations =
        Files.readString(Chart.REPO_ROOT.resolve("docs/operations.md"), StandardCharsets.UTF_8);
    for (Map<String, Object> rule : rules()) {
      String alert = (String) rule.get("alert");
      assertThat(operations).as("runbook heading for " + alert).contains("\n### " + alert + "\n");
      assertThat(map(rule, "annotations"))
          .containsEntry("runbook", "docs/operations.md#" + alert.toLowerCase(Locale.ROOT));
    }
  }

  static List<Map<String, Object>> rules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : list(renderedSpec, "groups")) {
      rules.addAll(list(group, "rules"));
    }
    return rules;
  }

  static List<String> alerts() {
    return rules().stream().map(r -> (String) r.get("alert")).toList();
  }

  private static Path writeRules(Path dir) throws IOException {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(Integer.MAX_VALUE);
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, new Yaml(options).dump(renderedSpec));
    return rules;
  }

  record Result(int exitCode, String output) {}

  private static Result promtool(Path dir, String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("promtool");
    command.addAll(List.of(arguments));
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return fail(
          "promtool is not on the PATH: install Debian's prometheus package"
              + " (apt-get install prometheus; .ci/run does this in CI). "
              + e.getMessage());
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return fail("promtool did not finish within 2 minutes: " + output);
    }
    return new Result(process.exitValue(), output);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml) {
    return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }
}
