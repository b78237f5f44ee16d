package dev.vigil.keys.environments;

import static dev.vigil.keys.KeyTestSupport.environmentWithKeys;
import static dev.vigil.keys.KeyTestSupport.post;
import static dev.vigil.keys.KeyTestSupport.steppedUpAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.keys.backups.BackupBundle;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** key-service touches only the Secrets it created or an Admin adopted (issue 15, item 4). */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SecretScopeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DB_PASSWORD = "vigil-db-password-do-not-touch";

  @KubernetesTestServer KubernetesServer server;

  @Test
  void shouldRefuseVigilsOwnNamespaceForAnEnvironment() {
    post(
            steppedUpAdmin(),
            "/api/v1/keys/environments",
            "{\"name\":\"sneaky-"
                + run()
                + "\",\"namespace\":\"vigil-system\","
                + "\"secretName\":\"vigil-db\"}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("release namespace"));
  }

  @Test
  void shouldNeitherReadNorWriteASecretItDidNotCreateUntilAnAdminAdoptsIt() {
    String name = "foreign-" + run();
    createSecret(name, "platform-db", Map.of(), Map.of("password", DB_PASSWORD));
    register(name, "platform-db");

    post(steppedUpAdmin(), slots(name) + "/generate", "{}")
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("not labelled vigil.dev/environment=" + name));
    post(
            steppedUpAdmin(),
            "/api/v1/keys/environments/" + name + "/backups",
            "{\"passphrase\":\"a long enough passphrase for export\"}")
        .statusCode(409);
    assertThat(secret(name, "platform-db").getData()).containsOnlyKeys("password");
    assertThat(secret(name, "platform-db").getMetadata().getLabels()).isNullOrEmpty();

    post(steppedUpAdmin(), slots(name) + "/adopt", "{}").statusCode(200);

    assertThat(secret(name, "platform-db").getMetadata().getLabels())
        .containsEntry("vigil.dev/environment", name)
        .containsEntry("app.kubernetes.io/managed-by", "vigil");
    assertThat(secret(name, "platform-db").getData()).containsOnlyKeys("password");
    post(steppedUpAdmin(), slots(name) + "/generate", "{}").statusCode(200);
  }

  @Test
  void shouldNotAdoptASecretLabelledForAnotherEnvironment() {
    String name = "claimed-" + run();
    createSecret(
        name,
        "vigil-keys",
        Map.of("app.kubernetes.io/managed-by", "vigil", "vigil.dev/environment", "someone-else"),
        Map.of("AUTH_SECRET", "ab".repeat(32)));
    register(name, "vigil-keys");

    post(steppedUpAdmin(), slots(name) + "/adopt", "{}").statusCode(409);
    assertThat(secret(name, "vigil-keys").getMetadata().getLabels())
        .containsEntry("vigil.dev/environment", "someone-else");
  }

  @Test
  void shouldRestoreOnlyTheSlotsTheEnvironmentRecorded() throws Exception {
    String env = environmentWithKeys("restore-scope");
    String passphrase = "restore scope passphrase";
    String bundle =
        BackupBundle.seal(
            new BackupBundle.Header(
                UUID.randomUUID(),
                env,
                Instant.now().toString(),
                Map.of("PLATFORM_DB_PASSWORD", List.of(1))),
            List.of(new BackupBundle.Entry("PLATFORM_DB_PASSWORD", 1, "PRIMARY", DB_PASSWORD)),
            passphrase.toCharArray(),
            new BackupBundle.Kdf(1024, 1, 1));

    post(
            steppedUpAdmin(),
            "/api/v1/keys/environments/" + env + "/backups/restore",
            JSON.writeValueAsString(
                Map.of("bundle", JSON.readTree(bundle), "passphrase", passphrase, "force", true)))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("PLATFORM_DB_PASSWORD"));

    assertThat(secret(env, "vigil-keys").getData())
        .doesNotContainKeys("PLATFORM_DB_PASSWORD", "PLATFORM_DB_PASSWORD.v1");
  }

  private void createSecret(
      String namespace, String name, Map<String, String> labels, Map<String, String> data) {
    SecretBuilder secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels.isEmpty() ? null : labels)
            .endMetadata();
    data.forEach((k, v) -> secret.addToData(k, encode(v)));
    server.getClient().secrets().inNamespace(namespace).resource(secret.build()).create();
  }

  private Secret secret(String namespace, String name) {
    return server.getClient().secrets().inNamespace(namespace).withName(name).get();
  }

  private static void register(String name, String secretName) {
    post(
            steppedUpAdmin(),
            "/api/v1/keys/environments",
            "{\"name\":\""
                + name
                + "\",\"namespace\":\""
                + name
                + "\",\"secretName\":\""
                + secretName
                + "\"}")
        .statusCode(201);
  }

  private static String slots(String env) {
    return "/api/v1/keys/environments/" + env + "/slots";
  }

  private static String run() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
