package dev.vigil.deploy;

import static dev.vigil.deploy.Chart.list;
import static dev.vigil.deploy.Chart.map;
import static dev.vigil.deploy.Chart.name;
import static dev.vigil.deploy.Chart.ofKind;
import static dev.vigil.deploy.Chart.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The monitoring toggles: ServiceMonitors, the PrometheusRule and the Grafana dashboard. */
class MonitoringChartTest {

  static final String ALL_MONITORING =
      """
      monitoring:
        serviceMonitor:
          enabled: true
          labels:
            release: kube-prometheus-stack
        prometheusRule:
          enabled: true
          labels:
            release: kube-prometheus-stack
        grafanaDashboard:
          enabled: true
          namespace: monitoring
          folder: Vigil
      """;

  @Test
  void shouldRenderNoMonitoringObjectsByDefault() {
    List<Map<String, Object>> documents = Chart.parse(Chart.renderWith(""));

    assertThat(ofKind(documents, "ServiceMonitor")).isEmpty();
    assertThat(ofKind(documents, "PrometheusRule")).isEmpty();
    assertThat(ofKind(documents, "ConfigMap"))
        .noneMatch(c -> map(c, "metadata", "labels").containsKey("grafana_dashboard"));
  }

  @Test
  void shouldRenderOneServiceMonitorPerServiceSelectingItsServicesHttpPort() {
    List<Map<String, Object>> documents = Chart.parse(Chart.renderWith(ALL_MONITORING));
    List<Map<String, Object>> monitors = ofKind(documents, "ServiceMonitor");
    List<Map<String, Object>> services = ofKind(documents, "Service");

    assertThat(monitors)
        .extracting(Chart::name)
        .containsExactlyInAnyOrderElementsOf(services.stream().map(Chart::name).toList());
    assertThat(monitors).hasSize(RenderedManifestsTest.SERVICES.size());
    for (Map<String, Object> monitor : monitors) {
      Map<String, Object> service =
          services.stream().filter(s -> name(s).equals(name(monitor))).findFirst().orElseThrow();
      Map<String, Object> selector = map(monitor, "spec", "selector", "matchLabels");
      assertThat(map(service, "metadata", "labels")).containsAllEntriesOf(selector);
      assertThat(selector).isEqualTo(map(service, "spec", "selector"));
      assertThat(value(monitor, "spec", "namespaceSelector", "matchNames"))
          .isEqualTo(List.of(Chart.NAMESPACE));
      assertThat(map(monitor, "metadata", "labels"))
          .containsEntry("release", "kube-prometheus-stack");

      Map<String, Object> endpoint = list(monitor, "spec", "endpoints").get(0);
      assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");
      assertThat(list(service, "spec", "ports")).extracting(p -> p.get("name")).contains("http");
      String serviceName = name(service).substring((Chart.RELEASE + "-").length());
      assertThat(RenderedManifestsTest.SERVICES).contains(serviceName);
      assertThat(list(endpoint, "relabelings"))
          .containsExactly(
              Map.of(
                  "action", "replace", "targetLabel", "vigil_service", "replacement", serviceName));
    }
  }

  @Test
  void shouldNotMonitorADisabledService() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(ALL_MONITORING + "services:\n  backupService:\n    enabled: false\n"));

    assertThat(ofKind(documents, "ServiceMonitor"))
        .extracting(Chart::name)
        .hasSize(RenderedManifestsTest.SERVICES.size() - 1)
        .doesNotContain("vigil-backup-service");
  }

  @Test
  void shouldShipTheRulesFileAsThePrometheusRuleSpec() throws IOException {
    Map<String, Object> rule =
        ofKind(Chart.parse(Chart.renderWith(ALL_MONITORING)), "PrometheusRule").get(0);

    assertThat(map(rule, "metadata", "labels")).containsEntry("release", "kube-prometheus-stack");
    assertThat(value(rule, "metadata", "namespace")).isEqualTo(Chart.NAMESPACE);
    assertThat(map(rule, "spec"))
        .isEqualTo(load(Files.readString(Chart.CHART_DIR.resolve("files/prometheus-rules.yaml"))));
    assertThat(list(rule, "spec", "groups"))
        .flatExtracting(group -> list(group, "rules"))
        .extracting(r -> r.get("alert"))
        .hasSize(11)
        .doesNotContainNull();
  }

  @Test
  void shouldShipTheDashboardInAConfigMapTheGrafanaSidecarPicksUp() throws IOException {
    Map<String, Object> configMap =
        ofKind(Chart.parse(Chart.renderWith(ALL_MONITORING)), "ConfigMap").stream()
            .filter(c -> map(c, "metadata", "labels").containsKey("grafana_dashboard"))
            .findFirst()
            .orElseThrow();

    assertThat(map(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
    assertThat(value(configMap, "metadata", "namespace")).isEqualTo("monitoring");
    assertThat(map(configMap, "metadata", "annotations")).containsEntry("grafana_folder", "Vigil");
    String json = (String) value(configMap, "data", "vigil.json");
    assertThat(load(json))
        .isEqualTo(load(Files.readString(Chart.CHART_DIR.resolve("files/grafana-dashboard.json"))));
    assertThat(list(load(json), "panels"))
        .extracting(p -> p.get("title"))
        .contains("Checklist score", "Audit ingest rate", "Open incidents", "Refusals");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> load(String yamlOrJson) {
    return (Map<String, Object>)
        new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlOrJson);
  }
}
