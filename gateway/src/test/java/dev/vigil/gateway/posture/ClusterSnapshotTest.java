package dev.vigil.gateway.posture;

import static dev.vigil.gateway.posture.TestWorkloads.barePod;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.cronJob;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
import static dev.vigil.gateway.posture.TestWorkloads.job;
import static dev.vigil.gateway.posture.TestWorkloads.podSpec;
import static dev.vigil.gateway.posture.TestWorkloads.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {

  @Test
  void shouldSortObjectsIntoListsByTypeAndIgnoreOtherKinds() {
    List<HasMetadata> objects =
        List.of(
            deployment("web", podSpec(container("web").build())),
            statefulSet("db", Map.of(), podSpec(container("db").build())),
            new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata().build(),
            job("migrate", 3, podSpec(container("migrate").build())),
            cronJob("backup", 3, podSpec(container("backup").build())),
            barePod("debug", Map.of(), podSpec(container("debug").build())),
            new ServiceBuilder().withNewMetadata().withName("web").endMetadata().build(),
            new IngressBuilder().withNewMetadata().withName("web").endMetadata().build(),
            new NetworkPolicyBuilder().withNewMetadata().withName("deny").endMetadata().build(),
            new SecretBuilder().withNewMetadata().withName("tls").endMetadata().build(),
            new ConfigMapBuilder().withNewMetadata().withName("config").endMetadata().build(),
            new ServiceAccountBuilder().withNewMetadata().withName("web").endMetadata().build(),
            new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build());

    ClusterSnapshot snapshot = ClusterSnapshot.of(objects);

    assertThat(snapshot.deployments()).hasSize(1);
    assertThat(snapshot.statefulSets()).hasSize(1);
    assertThat(snapshot.daemonSets()).hasSize(1);
    assertThat(snapshot.jobs()).hasSize(1);
    assertThat(snapshot.cronJobs()).hasSize(1);
    assertThat(snapshot.pods()).hasSize(1);
    assertThat(snapshot.services()).hasSize(1);
    assertThat(snapshot.ingresses()).hasSize(1);
    assertThat(snapshot.networkPolicies()).hasSize(1);
    assertThat(snapshot.secrets()).hasSize(1);
    assertThat(snapshot.configMaps()).hasSize(1);
    assertThat(snapshot.objectCount()).isEqualTo(11);
  }

  @Test
  void shouldBeImmutable() {
    ClusterSnapshot snapshot = ClusterSnapshot.empty();

    assertThat(snapshot.objectCount()).isZero();
    assertThatThrownBy(() -> snapshot.pods().add(barePod("x", Map.of(), podSpec())))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldFindSecretsAndConfigMapsByNamespaceAndName() {
    ClusterSnapshot snapshot =
        TestWorkloads.snapshot(
            new SecretBuilder()
                .withNewMetadata()
                .withName("tls")
                .withNamespace("a")
                .endMetadata()
                .build(),
            new ConfigMapBuilder().withNewMetadata().withName("config").endMetadata().build());

    assertThat(snapshot.secret("a", "tls")).isPresent();
    assertThat(snapshot.secret("b", "tls")).isEmpty();
    assertThat(snapshot.configMap(null, "config")).isPresent();
    assertThat(snapshot.configMap("", "config")).isPresent();
  }
}
