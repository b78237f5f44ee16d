package dev.vigil.keys.environments;

import static dev.vigil.keys.KeyTestSupport.admin;
import static dev.vigil.keys.KeyTestSupport.post;
import static dev.vigil.keys.KeyTestSupport.steppedUpAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(OtherClusterTest.WithKubeconfig.class)
class OtherClusterTest {

  private static final Path KUBECONFIG =
      Path.of("target/other-cluster.kubeconfig").toAbsolutePath();

  public static class WithKubeconfig implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("vigil.keys.kubeconfig", KUBECONFIG.toString());
    }
  }

  /** A second, separate API server: the disaster-recovery cluster. */
  private static KubernetesMockServer drSite;

  @KubernetesTestServer KubernetesServer local;

  @BeforeAll
  static void startSecondCluster() throws Exception {
    drSite =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    drSite.init();
    Files.writeString(
        KUBECONFIG,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: dr
            cluster:
              server: %s
        users:
          - name: vigil
            user:
              token: test-token
        contexts:
          - name: dr-site
            context:
              cluster: dr
              user: vigil
        current-context: dr-site
        """
            .formatted(drSite.url("/").replaceAll("/$", "")));
  }

  @AfterAll
  static void stopSecondCluster() {
    drSite.destroy();
  }

  @Test
  void shouldKeepAnEnvironmentsKeysInTheClusterItsContextNames() {
    String name = "dr-" + UUID.randomUUID().toString().substring(0, 8);
    post(
            steppedUpAdmin(),
            "/api/v1/keys/environments",
            "{\"name\":\""
                + name
                + "\",\"namespace\":\""
                + name
                + "\",\"clusterContext\":\"nope\"}")
        .statusCode(400)
        .body("detail", containsString("known: [dr-site]"));
    post(
            steppedUpAdmin(),
            "/api/v1/keys/environments",
            "{\"name\":\""
                + name
                + "\",\"namespace\":\""
                + name
                + "\",\"clusterContext\":\"dr-site\"}")
        .statusCode(201);
    post(admin(), "/api/v1/keys/environments/" + name + "/slots/generate", "{}").statusCode(200);

    assertThat(
            drSite
                .createClient()
                .secrets()
                .inNamespace(name)
                .withName("vigil-keys")
                .get()
                .getData())
        .containsKeys("DEVICE_ENCRYPTION_KEY", "AUTH_SECRET", "AUTH_ENCRYPTION_KEY");
    assertThat(local.getClient().secrets().inNamespace(name).withName("vigil-keys").get()).isNull();
  }
}
