package dev.vigil.deploy;

import static dev.vigil.deploy.Chart.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * helm/vigil/files/metrics.txt names exactly the metrics the alert rules and the dashboard query,
 * each with services that exist. Each service's ServiceContractTest then checks its own /q/metrics
 * against that list, so a rule or panel cannot query a metric no service exposes.
 */
class MonitoredMetricsListTest {

  static final Path FILES = Chart.CHART_DIR.resolve("files");

  /** Series Prometheus makes itself, not the services. */
  static final Set<String> FROM_PROMETHEUS = Set.of("up", "ALERTS");

  static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /** PromQL words that look like metric names: functions, aggregations, keywords, units. */
  static final Pattern NOT_A_METRIC =
      Pattern.compile(
          "(sum|min|max|avg|count|rate|increase|changes|deriv|time|label_replace|and|or|unless"
              + "|by|without|offset|on|ignoring|group_left|group_right|bool|\\d.*|[smhdw])");

  @Test
  void shouldListExactlyTheMetricsTheRulesAndTheDashboardUse() throws IOException {
    Set<String> used = new TreeSet<>();
    rulesExpressions().forEach(expr -> used.addAll(metricNames(expr)));
    dashboardExpressions().forEach(expr -> used.addAll(metricNames(expr)));
    used.removeAll(FROM_PROMETHEUS);

    assertThat(listed().keySet()).containsExactlyInAnyOrderElementsOf(used);
  }

  @Test
  void shouldNameOnlyRealServicesForEachMetric() throws IOException {
    Set<String> services = new TreeSet<>(RenderedManifestsTest.SERVICES);
    services.add("*");
    listed()
        .forEach(
            (metric, owners) ->
                assertThat(owners).as(metric).isNotEmpty().allMatch(services::contains));
  }

  @Test
  void shouldFindMetricNamesButNotLabelsOrFunctions() {
    assertThat(
            metricNames(
                "sum by (vigil_service) (increase(vigil_events_dead_lettered_total"
                    + "{vigil_service=\"gateway\", status=~\"401|403\"}[15m])) > 2 * 86400"
                    + " unless up offset 1h"))
        .containsExactlyInAnyOrder("vigil_events_dead_lettered_total", "up");
  }

  /** The metric names in a PromQL expression: without strings, label sets and grouping clauses. */
  static Set<String> metricNames(String expr) {
    String bare =
        expr.replaceAll("\"[^\"]*\"", " ")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher matcher = METRIC.matcher(bare);
    while (matcher.find()) {
      if (!NOT_A_METRIC.matcher(matcher.group()).matches()) {
        names.add(matcher.group());
      }
    }
    return names;
  }

  static Map<String, List<String>> listed() throws IOException {
    Map<String, List<String>> metrics = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(FILES.resolve("metrics.txt"))) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#")) {
        String[] fields = stripped.split("\\s+");
        assertThat(metrics).as("listed once: " + fields[0]).doesNotContainKey(fields[0]);
        metrics.put(fields[0], Arrays.asList(fields).subList(1, fields.length));
      }
    }
    return metrics;
  }

  static List<String> rulesExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    Map<String, Object> rules =
        MonitoringChartTest.load(Files.readString(FILES.resolve("prometheus-rules.yaml")));
    for (Map<String, Object> group : list(rules, "groups")) {
      for (Map<String, Object> rule : list(group, "rules")) {
        expressions.add((String) rule.get("expr"));
      }
    }
    assertThat(expressions).hasSize(11);
    return expressions;
  }

  static List<String> dashboardExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    Map<String, Object> dashboard =
        MonitoringChartTest.load(Files.readString(FILES.resolve("grafana-dashboard.json")));
    for (Map<String, Object> panel : list(dashboard, "panels")) {
      for (Map<String, Object> target : list(panel, "targets")) {
        expressions.add((String) target.get("expr"));
      }
    }
    assertThat(expressions).isNotEmpty();
    return expressions;
  }
}
