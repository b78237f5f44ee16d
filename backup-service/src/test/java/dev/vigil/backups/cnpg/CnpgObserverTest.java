package dev.vigil.backups.cnpg;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CloudNativePG objects read from a Kubernetes API server (Fabric8's mock in CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class CnpgObserverTest {

  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void shouldGroupSchedulesAndBackupsByCluster() {
    create(
        CnpgObserver.SCHEDULED,
        "db",
        "hourly",
        "platform",
        Map.of("schedule", "0 0 * * * *", "suspend", false),
        null);
    create(
        CnpgObserver.BACKUPS,
        "db",
        "hourly-20261203110000",
        "platform",
        Map.of("method", "barmanObjectStore"),
        Map.of(
            "phase", "completed",
            "startedAt", "2026-12-03T11:00:00Z",
            "stoppedAt", "2026-12-03T11:02:30Z"));
    create(
        CnpgObserver.BACKUPS,
        "db",
        "billing-manual",
        "billing",
        Map.of(),
        Map.of("phase", "failed", "error", "can't upload"));

    CnpgObservation observed = new CnpgObserver(client, List.of("db")).observe();

    assertThat(observed.unreadable()).isEmpty();
    assertThat(observed.clusters())
        .extracting(CnpgCluster::id)
        .containsExactly("db/billing", "db/platform");
    CnpgCluster platform = observed.clusters().get(1);
    assertThat(platform.activeSchedules())
        .extracting(CnpgCluster.Schedule::cron)
        .containsExactly("0 0 * * * *");
    assertThat(platform.newestCompleted().orElseThrow().stoppedAt())
        .isEqualTo(OffsetDateTime.parse("2026-12-03T11:02:30Z"));
    assertThat(observed.clusters().get(0).backups().get(0).error()).isEqualTo("can't upload");
  }

  @Test
  void shouldObserveNothingWithoutNamespaces() {
    assertThat(new CnpgObserver(client, List.of()).observe()).isEqualTo(CnpgObservation.off());
  }

  @Test
  void shouldReportANamespaceItMayNotReadInsteadOfNoClusters() {
    server
        .expect()
        .get()
        .withPath("/apis/postgresql.cnpg.io/v1/namespaces/forbidden/scheduledbackups")
        .andReturn(403, Map.of("kind", "Status", "code", 403))
        .always();

    CnpgObservation observed = new CnpgObserver(client, List.of("forbidden")).observe();

    assertThat(observed.clusters()).isEmpty();
    assertThat(observed.unreadable()).containsEntry("forbidden", "HTTP 403");
  }

  private static void create(
      io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String namespace,
      String name,
      String cluster,
      Map<String, Object> spec,
      Map<String, Object> status) {
    Map<String, Object> fullSpec = new java.util.HashMap<>(spec);
    fullSpec.put("cluster", Map.of("name", cluster));
    GenericKubernetesResource resource =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("postgresql.cnpg.io/v1")
            .withKind(kind.getKind())
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .build();
    resource.setAdditionalProperty("spec", fullSpec);
    if (status != null) {
      resource.setAdditionalProperty("status", status);
    }
    client.genericKubernetesResources(kind).inNamespace(namespace).resource(resource).create();
  }
}
