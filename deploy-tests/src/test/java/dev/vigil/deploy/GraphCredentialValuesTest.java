package dev.vigil.deploy;

import static dev.vigil.deploy.Chart.at;
import static dev.vigil.deploy.Chart.list;
import static dev.vigil.deploy.Chart.name;
import static dev.vigil.deploy.Chart.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** access-review-service's Microsoft Graph credential kinds, as the chart renders them. */
class GraphCredentialValuesTest {

  private static final String CLIENT_ID = "3f1c9a4b-6d10-4c59-9d8e-0b7e6c1a5a7e";
  private static final String SERVICE = "vigil-access-review-service";

  @Test
  void shouldMountTheCertificateSecretReadOnlyAndPointTheServiceAtIt() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  accessReviewService:
                    graph:
                      clientId: %s
                      credential: certificate
                      existingSecret: vigil-graph
                      certificate:
                        existingSecret: vigil-graph-certificate
                """
                    .formatted(CLIENT_ID)));

    Map<String, Object> deployment = deployment(documents);
    List<Map<String, Object>> env = env(deployment);
    assertThat(value(env, "VIGIL_ACCESS_GRAPH_CREDENTIAL")).contains("certificate");
    assertThat(value(env, "VIGIL_ACCESS_GRAPH_CERTIFICATE_FILE"))
        .contains("/etc/vigil/graph-certificate/certificate.pem");
    assertThat(value(env, "VIGIL_ACCESS_GRAPH_PRIVATE_KEY_FILE"))
        .contains("/etc/vigil/graph-certificate/private-key.pem");
    assertThat(variable(env, "VIGIL_ACCESS_GRAPH_CLIENT_SECRET"))
        .as("only the chosen credential reaches the pod")
        .isEmpty();
    Map<String, Object> volume = named(list(deployment, "spec", "template", "spec", "volumes"));
    assertThat((Object) at(volume, "secret", "secretName")).isEqualTo("vigil-graph-certificate");
    assertThat(list(volume, "secret", "items"))
        .containsExactly(
            Map.of("key", "tls.crt", "path", "certificate.pem"),
            Map.of("key", "tls.key", "path", "private-key.pem"));
    Map<String, Object> mount =
        named(
            list(
                list(deployment, "spec", "template", "spec", "containers").get(0), "volumeMounts"));
    assertThat(mount)
        .containsEntry("mountPath", "/etc/vigil/graph-certificate")
        .containsEntry("readOnly", true)
        .as("a subPath mount would never see a rotated Secret")
        .doesNotContainKey("subPath");
    assertThat(Chart.map(deployment, "spec", "template", "metadata", "labels"))
        .doesNotContainKey("azure.workload.identity/use");

    assertThatThrownBy(
            () ->
                Chart.renderWith(
                    """
                    services:
                      accessReviewService:
                        graph:
                          clientId: %s
                          credential: certificate
                    """
                        .formatted(CLIENT_ID)))
        .hasMessageContaining(
            "services.accessReviewService.graph.certificate.existingSecret is required");
  }

  @Test
  void shouldAnnotateTheServiceAccountAndLabelThePodsForWorkloadIdentity() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  accessReviewService:
                    graph:
                      clientId: %s
                      credential: workload-identity
                      existingSecret: vigil-graph
                    serviceAccount:
                      annotations:
                        team: identity
                """
                    .formatted(CLIENT_ID)));

    Map<String, Object> deployment = deployment(documents);
    assertThat(Chart.map(deployment, "spec", "template", "metadata", "labels"))
        .containsEntry("azure.workload.identity/use", "true");
    Map<String, Object> account =
        ofKind(documents, "ServiceAccount").stream()
            .filter(d -> name(d).equals(SERVICE))
            .findFirst()
            .orElseThrow();
    assertThat(Chart.map(account, "metadata", "annotations"))
        .containsEntry("azure.workload.identity/client-id", CLIENT_ID)
        .containsEntry("team", "identity");
    List<Map<String, Object>> env = env(deployment);
    assertThat(value(env, "VIGIL_ACCESS_GRAPH_CREDENTIAL")).contains("workload-identity");
    assertThat(variable(env, "VIGIL_ACCESS_GRAPH_CLIENT_SECRET")).isEmpty();
    assertThat(list(deployment, "spec", "template", "spec", "volumes"))
        .extracting(v -> v.get("name"))
        .doesNotContain("graph-certificate");
    // Other services' pods and accounts are not enrolled.
    for (Map<String, Object> other : ofKind(documents, "ServiceAccount")) {
      if (!name(other).equals(SERVICE)) {
        assertThat(String.valueOf(Chart.value(other, "metadata")))
            .as(name(other))
            .doesNotContain("azure.workload.identity");
      }
    }

    assertThatThrownBy(
            () ->
                Chart.renderWith(
                    """
                    services:
                      accessReviewService:
                        graph:
                          credential: workload-identity
                    """))
        .hasMessageContaining("services.accessReviewService.graph.clientId is required");
  }

  @Test
  void shouldKeepTheClientSecretAsTheDefaultCredential() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  accessReviewService:
                    graph:
                      clientId: %s
                      existingSecret: vigil-graph
                """
                    .formatted(CLIENT_ID)));

    Map<String, Object> deployment = deployment(documents);
    List<Map<String, Object>> env = env(deployment);
    assertThat(value(env, "VIGIL_ACCESS_GRAPH_CREDENTIAL")).contains("client-secret");
    assertThat(
            (Object)
                at(
                    variable(env, "VIGIL_ACCESS_GRAPH_CLIENT_SECRET").orElseThrow(),
                    "valueFrom",
                    "secretKeyRef"))
        .isEqualTo(Map.of("name", "vigil-graph", "key", "client-secret"));
    assertThat(variable(env, "VIGIL_ACCESS_GRAPH_CERTIFICATE_FILE")).isEmpty();
    assertThat(Chart.map(deployment, "spec", "template", "metadata", "labels"))
        .doesNotContainKey("azure.workload.identity/use");

    assertThatThrownBy(
            () ->
                Chart.renderWith(
                    """
                    services:
                      accessReviewService:
                        graph:
                          credential: password
                    """))
        .hasMessageContaining("credential");
  }

  private static Map<String, Object> deployment(List<Map<String, Object>> documents) {
    return ofKind(documents, "Deployment").stream()
        .filter(d -> name(d).equals(SERVICE))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> named(List<Map<String, Object>> entries) {
    return entries.stream()
        .filter(e -> "graph-certificate".equals(e.get("name")))
        .findFirst()
        .orElseThrow();
  }

  private static List<Map<String, Object>> env(Map<String, Object> deployment) {
    return list(list(deployment, "spec", "template", "spec", "containers").get(0), "env");
  }

  private static Optional<Map<String, Object>> variable(
      List<Map<String, Object>> env, String name) {
    return env.stream().filter(v -> name.equals(v.get("name"))).findFirst();
  }

  private static Optional<Object> value(List<Map<String, Object>> env, String name) {
    return variable(env, name).map(v -> v.get("value"));
  }
}
