package dev.vigil.keys.backups;

import static dev.vigil.common.contract.ReportedControls.status;
import static dev.vigil.keys.KeyTestSupport.admin;
import static dev.vigil.keys.KeyTestSupport.consume;
import static dev.vigil.keys.KeyTestSupport.environmentWithKeys;
import static dev.vigil.keys.KeyTestSupport.post;
import static dev.vigil.keys.KeyTestSupport.recordSaying;
import static dev.vigil.keys.KeyTestSupport.steppedUpAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
// Backup controls span every environment: a database of its own keeps other tests' out.
@TestProfile(KeyBackupTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyBackupTest {

  public static class OwnDatabase implements QuarkusTestProfile {}

  private static final String PASSPHRASE = "correct horse battery staple 42";
  private static final String SLOT = "DEVICE_ENCRYPTION_KEY";
  private static final ObjectMapper JSON = new ObjectMapper();

  @KubernetesTestServer KubernetesServer server;

  @Test
  @Order(1)
  void shouldFailWhenARotationIsNotBackedUpAndPassAgainAfterANewVerifiedExport() throws Exception {
    ConsumerTask<String, byte[]> keyEvents = consume("vigil.keys");
    String env = environmentWithKeys("backup");
    String backups = "/api/v1/keys/environments/" + env + "/backups";
    Map<String, String> live = secretEntries(env);

    post(admin(), backups, passphrase(PASSPHRASE))
        .statusCode(401)
        .header("WWW-Authenticate", containsString("insufficient_claims"));
    post(steppedUpAdmin(), backups, passphrase("too short"))
        .statusCode(400)
        .body("detail", containsString("at least 20 characters"));
    String first = export(backups);
    assertThat(first).contains("vigil-key-backup").contains("ciphertext");
    live.values().forEach(value -> assertThat(first).doesNotContain(value));
    assertThat(status("KEY-04")).isEqualTo("FAIL");

    post(admin(), backups + "/verify", verify(first, "not the passphrase at all"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("does not decrypt"));
    post(admin(), backups + "/verify", verify(first, PASSPHRASE))
        .statusCode(200)
        .body("verified", equalTo(true))
        .body("mismatches", empty());
    assertThat(status("BKV-04")).isEqualTo("PASS");
    assertThat(status("ENV-05")).isEqualTo("PASS");
    assertThat(status("KEY-04"))
        .as("verified, but the offline copy is not attested")
        .isEqualTo("WARN");

    post(
            steppedUpAdmin(),
            backups + "/attestations",
            "{\"location\":\"safe deposit box 12\",\"separateFromDatabaseBackups\":true}")
        .statusCode(201)
        .body("expiresAt", org.hamcrest.Matchers.notNullValue());
    assertThat(status("KEY-04")).isEqualTo("PASS");
    assertThat(status("ENV-04")).isEqualTo("PASS");

    post(admin(), "/api/v1/keys/environments/" + env + "/slots/" + SLOT + "/rotate", "{}")
        .statusCode(200);
    assertThat(status("ENV-05")).isEqualTo("FAIL");
    assertThat(status("KEY-04")).isEqualTo("FAIL");
    assertThat(status("BKV-04")).isEqualTo("FAIL");
    given()
        .auth()
        .oauth2(admin())
        .get(backups + "/coverage")
        .then()
        .body("uncovered", hasItem(env + "/" + SLOT + ": backup covers through v1, current is v2"));
    // The old bundle still verifies (v1 is still held), but it does not cover v2.
    post(admin(), backups + "/verify", verify(first, PASSPHRASE)).body("verified", equalTo(true));
    assertThat(status("ENV-05")).isEqualTo("FAIL");

    String second = export(backups);
    post(admin(), backups + "/verify", verify(second, PASSPHRASE)).body("verified", equalTo(true));
    assertThat(status("ENV-05")).isEqualTo("PASS");
    assertThat(status("KEY-04")).isEqualTo("PASS");
    assertThat(status("BKV-04")).isEqualTo("PASS");
    assertThat(recordSaying(keyEvents, env, "\"VERIFIED\"", "\"" + SLOT + "\": 2"))
        .contains(BackupBundle.header(JSON.readTree(second)).backupId().toString());
  }

  @Test
  @Order(2)
  void shouldRefuseToOverwriteLiveKeysOnRestoreUnlessForcedAndRejectATamperedBundle()
      throws Exception {
    String env = environmentWithKeys("restore");
    String backups = "/api/v1/keys/environments/" + env + "/backups";
    String bundle = export(backups);
    String original = secretEntries(env).get("AUTH_SECRET");

    ObjectNode tampered = (ObjectNode) JSON.readTree(bundle);
    String ciphertext = tampered.get("ciphertext").asText();
    tampered.put("ciphertext", (ciphertext.charAt(0) == 'A' ? "B" : "A") + ciphertext.substring(1));
    post(admin(), backups + "/verify", verify(tampered.toString(), PASSPHRASE))
        .statusCode(400)
        .body("detail", containsString("does not decrypt"));

    Secret changed =
        new SecretBuilder(
                server.getClient().secrets().inNamespace(env).withName("vigil-keys").get())
            .addToData("AUTH_SECRET", encode("f".repeat(32) + "0123456789abcdef0123456789abcdef"))
            .build();
    server.getClient().secrets().inNamespace(env).resource(changed).update();

    post(admin(), backups + "/restore", restore(bundle, false)).statusCode(401);
    post(steppedUpAdmin(), backups + "/restore", restore(bundle, false))
        .statusCode(409)
        .body("detail", containsString("AUTH_SECRET"));
    assertThat(secretEntries(env).get("AUTH_SECRET")).isNotEqualTo(original);
    post(steppedUpAdmin(), backups + "/restore", restore(bundle, true)).statusCode(200);
    assertThat(secretEntries(env).get("AUTH_SECRET")).isEqualTo(original);
  }

  private static String export(String backups) {
    return post(steppedUpAdmin(), backups, passphrase(PASSPHRASE))
        .statusCode(201)
        .header("Vigil-Backup-Id", org.hamcrest.Matchers.notNullValue())
        .extract()
        .asString();
  }

  private static String passphrase(String passphrase) {
    return "{\"passphrase\":\"" + passphrase + "\"}";
  }

  private static String verify(String bundle, String passphrase) {
    return "{\"bundle\":" + bundle + ",\"passphrase\":\"" + passphrase + "\"}";
  }

  private static String restore(String bundle, boolean force) {
    return "{\"bundle\":"
        + bundle
        + ",\"passphrase\":\""
        + PASSPHRASE
        + "\",\"force\":"
        + force
        + "}";
  }

  private Map<String, String> secretEntries(String env) {
    Map<String, String> entries = new LinkedHashMap<>();
    server
        .getClient()
        .secrets()
        .inNamespace(env)
        .withName("vigil-keys")
        .get()
        .getData()
        .forEach(
            (k, v) ->
                entries.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return entries;
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
