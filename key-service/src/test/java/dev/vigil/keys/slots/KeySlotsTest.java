package dev.vigil.keys.slots;

import static dev.vigil.common.contract.ReportedControls.status;
import static dev.vigil.keys.KeyTestSupport.admin;
import static dev.vigil.keys.KeyTestSupport.consume;
import static dev.vigil.keys.KeyTestSupport.recordSaying;
import static dev.vigil.keys.KeyTestSupport.steppedUpAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
// The controls span every environment: the all-PASS case runs before weak ones are registered.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeySlotsTest {

  @KubernetesTestServer KubernetesServer server;

  @Test
  @Order(1)
  void shouldGenerateUniqueKeysIntoEachEnvironmentsSecretAndFailKey01WhenOneIsReused() {
    ConsumerTask<String, byte[]> evaluations = consume("vigil.compliance");
    String run = UUID.randomUUID().toString().substring(0, 8);
    String staging = "staging-" + run, production = "production-" + run;
    register(staging);
    register(production);
    generate(staging);
    generate(production);

    Secret stagingSecret = secret(staging);
    assertThat(stagingSecret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "vigil")
        .containsEntry("vigil.dev/environment", staging);
    String stagingDeviceKey = value(stagingSecret, Slots.DEVICE_ENCRYPTION_KEY);
    assertThat(stagingDeviceKey).matches("[0-9a-f]{64}");
    assertThat(KeyMaterial.weakness(stagingDeviceKey)).isNull();
    assertThat(value(secret(production), Slots.DEVICE_ENCRYPTION_KEY))
        .isNotEqualTo(stagingDeviceKey);
    assertThat(status("KEY-01")).isEqualTo("PASS");

    // Someone copies the staging key into production; adoption notices.
    KubernetesClient kubernetes = server.getClient();
    Secret copied =
        new SecretBuilder(secret(production))
            .addToData(Slots.DEVICE_ENCRYPTION_KEY, encode(stagingDeviceKey))
            .build();
    kubernetes.secrets().inNamespace(production).resource(copied).update();
    String adopted =
        given()
            .auth()
            .oauth2(admin())
            .when()
            .post("/api/v1/keys/environments/" + production + "/slots/adopt")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    assertThat(status("KEY-01")).isEqualTo("FAIL");
    assertThat(status("KEY-02")).isEqualTo("PASS");
    String reuse =
        production + "/DEVICE_ENCRYPTION_KEY v2 is also " + staging + "/DEVICE_ENCRYPTION_KEY v1";
    String evaluation = recordSaying(evaluations, "KEY-01", reuse);
    assertThat(evaluation).contains("\"FAIL\"").doesNotContain(stagingDeviceKey);
    assertThat(adopted).doesNotContain(stagingDeviceKey);
  }

  @Test
  @Order(2)
  void shouldAdoptAnExistingSecretWithoutChangingItAndFailWeakOrMissingSlots() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String legacy = "legacy-" + run;
    server
        .getClient()
        .secrets()
        .inNamespace(legacy)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("vigil-keys")
                .withNamespace(legacy)
                .endMetadata()
                .addToData(Slots.AUTH_SECRET, encode("00".repeat(32)))
                .addToData(Slots.DEVICE_ENCRYPTION_KEY, encode("0123456789abcdef".repeat(4)))
                .build())
        .create();
    register(legacy);

    List<Map<String, Object>> slots =
        given()
            .auth()
            .oauth2(admin())
            .when()
            .post("/api/v1/keys/environments/" + legacy + "/slots/adopt")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");

    assertThat(slots)
        .extracting(s -> s.get("slot") + ":" + s.get("weakness"))
        .containsExactlyInAnyOrder(
            "AUTH_SECRET:repeated bytes", "DEVICE_ENCRYPTION_KEY:a known example value");
    assertThat(secret(legacy).getData()).hasSize(2); // adoption writes nothing
    assertThat(status("KEY-02")).isEqualTo("FAIL");
    assertThat(status("KEY-03")).isEqualTo("FAIL"); // AUTH_ENCRYPTION_KEY is missing
  }

  @Test
  @Order(3)
  void shouldCountASlotDeletedFromTheSecretAsMissing() {
    ConsumerTask<String, byte[]> evaluations = consume("vigil.compliance");
    String name = "deleted-" + UUID.randomUUID().toString().substring(0, 8);
    register(name);
    generate(name);
    Secret withoutAuthSecret = secret(name);
    withoutAuthSecret.getData().remove(Slots.AUTH_SECRET);
    server.getClient().secrets().inNamespace(name).resource(withoutAuthSecret).update();

    given()
        .auth()
        .oauth2(admin())
        .when()
        .post("/api/v1/keys/environments/" + name + "/slots/adopt")
        .then()
        .statusCode(200);

    assertThat(status("KEY-02")).isEqualTo("FAIL");
    recordSaying(evaluations, "KEY-02", name + ": AUTH_SECRET is missing");
  }

  @Test
  void shouldRejectAnEnvironmentThatIsNotADnsLabel() {
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"Prod Env\",\"namespace\":\"prod\"}")
        .when()
        .post("/api/v1/keys/environments")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"remote\",\"namespace\":\"prod\",\"clusterContext\":\"eu-west\"}")
        .when()
        .post("/api/v1/keys/environments")
        .then()
        .statusCode(400)
        .body("detail", org.hamcrest.Matchers.containsString("clusterContext"));
  }

  private static void register(String name) {
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"namespace\":\"" + name + "\"}")
        .when()
        .post("/api/v1/keys/environments")
        .then()
        .statusCode(201);
  }

  private static void generate(String name) {
    given()
        .auth()
        .oauth2(admin())
        .when()
        .post("/api/v1/keys/environments/" + name + "/slots/generate")
        .then()
        .statusCode(200);
  }

  private Secret secret(String namespace) {
    return server.getClient().secrets().inNamespace(namespace).withName("vigil-keys").get();
  }

  private static String value(Secret secret, String slot) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(slot)), StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
