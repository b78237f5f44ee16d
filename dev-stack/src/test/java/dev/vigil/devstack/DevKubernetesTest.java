package dev.vigil.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

class DevKubernetesTest {

  @Test
  void shouldKeepSecretsAcrossClientsLikeAnApiServer() {
    KubernetesMockServer server = DevKubernetes.start(0);
    try {
      String url = server.url("/");
      try (KubernetesClient writer = client(url)) {
        writer
            .secrets()
            .inNamespace("platform")
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("vigil-keys")
                    .endMetadata()
                    .addToStringData("AUTH_SECRET", "value")
                    .build())
            .create();
      }
      try (KubernetesClient reader = client(url)) {
        assertThat(reader.secrets().inNamespace("platform").withName("vigil-keys").get())
            .isNotNull();
        assertThat(reader.secrets().inNamespace("other").withName("vigil-keys").get()).isNull();
      }
    } finally {
      server.destroy();
    }
  }

  private static KubernetesClient client(String url) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(url).withTrustCerts(true).build())
        .build();
  }
}
