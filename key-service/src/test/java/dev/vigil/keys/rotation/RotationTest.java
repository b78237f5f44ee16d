package dev.vigil.keys.rotation;

import static dev.vigil.keys.KeyTestSupport.admin;
import static dev.vigil.keys.KeyTestSupport.consume;
import static dev.vigil.keys.KeyTestSupport.database;
import static dev.vigil.keys.KeyTestSupport.environmentWithKeys;
import static dev.vigil.keys.KeyTestSupport.post;
import static dev.vigil.keys.KeyTestSupport.recordSaying;
import static dev.vigil.keys.KeyTestSupport.service;
import static dev.vigil.keys.KeyTestSupport.steppedUpAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.keys.KeyTestSupport;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RotationTest {

  private static final String SLOT = "DEVICE_ENCRYPTION_KEY";

  @KubernetesTestServer KubernetesServer server;

  @Test
  void shouldFinishReencryptionThroughRepeatedCrashesWithEveryCredentialDecryptingOnce()
      throws Exception {
    ConsumerTask<String, byte[]> keyEvents = consume("vigil.keys");
    String env = environmentWithKeys("vault");
    Map<String, String> values = storeCredentials(env, 3000);

    post(admin(), slots(env) + SLOT + "/rotate", "{\"reason\":\"yearly\"}")
        .statusCode(200)
        .body("version", equalTo(2));

    // Kill the service's database sessions at random moments while the job runs: each kill is
    // what a kill -9 of the service does to its open transaction.
    // Kills stop after a minute and the job then gets time to finish: on a loaded machine a kill
    // every 30-250 ms can undo each batch before it commits, which would test the machine's speed.
    int killed = 0;
    long killsUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Connection db = database()) {
      while (!"COMPLETED".equals(jobState(db, env)) && System.nanoTime() < killsUntil) {
        Thread.sleep(ThreadLocalRandom.current().nextInt(30, 250));
        try (Statement statement = db.createStatement();
            ResultSet terminated =
                statement.executeQuery(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND backend_type = 'client backend'")) {
          terminated.next();
          killed += terminated.getInt(1);
        }
      }
      assertThat(killed).as("sessions killed while the job ran").isPositive();
      Awaitility.await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> "COMPLETED".equals(jobState(db, env)));

      // Every credential is at v2 and decrypts to its value: none lost, none encrypted twice.
      Map<String, String> ciphertexts = new LinkedHashMap<>();
      try (PreparedStatement select =
          db.prepareStatement(
              "SELECT c.name, c.key_version, c.ciphertext FROM stored_credential c"
                  + " JOIN key_environment e ON e.id = c.environment_id WHERE e.name = ?")) {
        select.setString(1, env);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            assertThat(rows.getInt(2)).isEqualTo(2);
            ciphertexts.put(rows.getString(1), rows.getString(3));
          }
        }
      }
      assertThat(ciphertexts).hasSize(values.size());
      assertThat(decryptAll(env, ciphertexts)).isEqualTo(values);
    }

    given()
        .auth()
        .oauth2(admin())
        .get("/api/v1/keys/environments/" + env + "/reencryption-jobs")
        .then()
        .statusCode(200)
        .body("[0].state", equalTo("COMPLETED"))
        .body("[0].done", equalTo(3000))
        .body("[0].total", equalTo(3000))
        .body("[0].targetVersion", equalTo(2));
    assertThat(recordSaying(keyEvents, env + "/" + SLOT, "\"COMPLETED\""))
        .contains("\"done\": 3000");
  }

  @Test
  void shouldRefuseToRetireAVersionACredentialStillUsesAndDestroyItOnceUnused() throws Exception {
    String env = environmentWithKeys("retire");
    Map<String, String> values = storeCredentials(env, 3);
    String oldCiphertext =
        post(
                service(),
                slots(env) + SLOT + "/transit/encrypt",
                "{\"items\":[{\"plaintext\":\"" + b64("kept outside") + "\"}]}")
            .extract()
            .path("items[0].ciphertext");
    List<String> names = new ArrayList<>(values.keySet());
    try (Connection db = database();
        PreparedStatement swap =
            db.prepareStatement(
                "UPDATE stored_credential SET ciphertext ="
                    + " (SELECT ciphertext FROM stored_credential WHERE name = ?) WHERE name = ?")) {
      // A ciphertext moved to another credential's row no longer authenticates there.
      swap.setString(1, names.get(0));
      swap.setString(2, names.get(1));
      swap.executeUpdate();
    }
    post(admin(), slots(env) + SLOT + "/rotate", "{}").statusCode(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "FAILED".equals(latestJob(env).get("state")));
    assertThat(latestJob(env)).containsEntry("failed", 1).containsEntry("done", 2);

    post(steppedUpAdmin(), slots(env) + SLOT + "/versions/1/retire", "{}")
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("1 vault credentials still use " + SLOT + " v1"));
    assertThat(secretEntries(env)).containsKey(SLOT + ".v1");

    given()
        .auth()
        .oauth2(service())
        .delete("/api/v1/keys/environments/" + env + "/credentials/" + names.get(1))
        .then()
        .statusCode(204);
    post(steppedUpAdmin(), slots(env) + SLOT + "/versions/1/retire", "{}")
        .statusCode(200)
        .body("[0].state", equalTo("DESTROYED"));

    assertThat(secretEntries(env)).doesNotContainKey(SLOT + ".v1").containsKey(SLOT + ".v2");
    post(
            service(),
            slots(env) + SLOT + "/transit/decrypt",
            "{\"items\":[{\"ciphertext\":\"" + oldCiphertext + "\"}]}")
        .body("items[0].error", equalTo("version 1 is retired"));
    given()
        .auth()
        .oauth2(service())
        .get("/api/v1/keys/environments/" + env + "/credentials/" + names.get(0))
        .then()
        .statusCode(200)
        .body("value", equalTo(values.get(names.get(0))))
        .body("keyVersion", equalTo(2));
  }

  @Test
  void shouldNeedStepUpForAnEmergencyRotationThatMarksTheVersionCompromised() {
    ConsumerTask<String, byte[]> keyEvents = consume("vigil.keys");
    String env = environmentWithKeys("incident");
    storeCredentials(env, 5);

    post(admin(), slots(env) + SLOT + "/rotate", "{\"emergency\":true}")
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("insufficient_claims"))
        .body("detail", containsString("acrs"));

    post(
            steppedUpAdmin(),
            slots(env) + SLOT + "/rotate",
            "{\"emergency\":true,\"reason\":\"key pasted in a ticket\"}")
        .statusCode(200)
        .body("version", equalTo(2));

    given()
        .auth()
        .oauth2(admin())
        .get(slots(env) + SLOT + "/versions")
        .then()
        .body("[0].state", equalTo("DECRYPT_ONLY"))
        .body("[0].compromisedAt", org.hamcrest.Matchers.notNullValue())
        .body("[1].state", equalTo("PRIMARY"));
    assertThat(recordSaying(keyEvents, env + "/" + SLOT, "\"COMPROMISED\""))
        .contains("\"emergency\": true")
        .contains("key pasted in a ticket")
        // One actor identity: the token's oid and tid, as the gateway records them.
        .contains("\"actor\": \"" + KeyTestSupport.servicePrincipal("ada") + "\"")
        .contains("\"actorTenant\": \"" + EntraIdTestResource.TENANT_ID + "\"");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "COMPLETED".equals(latestJob(env).get("state")));
    assertThat(latestJob(env)).containsEntry("reason", "EMERGENCY").containsEntry("done", 5);
  }

  @Test
  void shouldDistributeAnAddedVersionBeforePromotingItAndWarnBeforeRotationIsDue() {
    ConsumerTask<String, byte[]> evaluations = consume("vigil.compliance");
    String env = environmentWithKeys("staged");
    String v1 = secretEntries(env).get(SLOT);

    post(admin(), slots(env) + SLOT + "/versions", "{}")
        .statusCode(200)
        .body("version", equalTo(2))
        .body("state", equalTo("PENDING"));
    Map<String, String> distributed = secretEntries(env);
    assertThat(distributed.get(SLOT)).isEqualTo(v1);
    assertThat(distributed.get(SLOT + ".v1")).isEqualTo(v1);
    assertThat(distributed.get(SLOT + ".v2")).matches("[0-9a-f]{64}").isNotEqualTo(v1);
    assertThat(encryptVersion(env)).isEqualTo(1);
    post(admin(), slots(env) + SLOT + "/versions", "{}").statusCode(409);

    post(admin(), slots(env) + SLOT + "/versions/2/promote", "{}")
        .statusCode(200)
        .body("state", equalTo("PRIMARY"));
    assertThat(secretEntries(env).get(SLOT)).isEqualTo(distributed.get(SLOT + ".v2"));
    assertThat(encryptVersion(env)).isEqualTo(2);

    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"rotationPeriodDays\":20}")
        .put(slots(env) + SLOT + "/policy")
        .then()
        .statusCode(200)
        .body("rotationPeriodDays", equalTo(20));
    assertThat(
            recordSaying(evaluations, "MNT-03", env + "/" + SLOT + " rotation is due in 19 days"))
        .contains("\"WARN\"");
  }

  @Test
  void shouldKeepAVaultKeyWhenTheSecretIsChangedBehindVigilsBackAndReencryptToTheNewValue() {
    String env = environmentWithKeys("drift");
    Map<String, String> values = storeCredentials(env, 10);
    String v1 = secretEntries(env).get(SLOT);
    // Storing under v1 pinned it as its own entry: the main entry alone is not its only copy.
    assertThat(secretEntries(env)).containsEntry(SLOT + ".v1", v1);

    post(admin(), slots(env) + SLOT + "/versions", "{}")
        .statusCode(200)
        .body("version", equalTo(2));
    replaceMainEntry(env, "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
    post(admin(), slots(env) + SLOT + "/versions/2/promote", "{}")
        .statusCode(409)
        .body("detail", containsString("not the recorded v1 any more"));

    post(admin(), slots(env) + "adopt", "{}").statusCode(200);
    given()
        .auth()
        .oauth2(admin())
        .get(slots(env) + SLOT + "/versions")
        .then()
        .body("[0].state", equalTo("DECRYPT_ONLY"))
        .body("[1].state", equalTo("PENDING"))
        .body("[2].state", equalTo("PRIMARY"))
        .body("[2].origin", equalTo("ADOPTED"));
    post(admin(), slots(env) + SLOT + "/versions/2/promote", "{}")
        .statusCode(409)
        .body("detail", containsString("older than the primary v3"));
    // The change in the Secret was a rotation: the vault moves to the adopted value.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "COMPLETED".equals(latestJob(env).get("state")));
    assertThat(latestJob(env)).containsEntry("targetVersion", 3).containsEntry("done", 10);
    String name = values.keySet().iterator().next();
    given()
        .auth()
        .oauth2(service())
        .get("/api/v1/keys/environments/" + env + "/credentials/" + name)
        .then()
        .statusCode(200)
        .body("value", equalTo(values.get(name)))
        .body("keyVersion", equalTo(3));
  }

  @Test
  void shouldDiscardAPendingVersionInAnEmergencyRotation() {
    String env = environmentWithKeys("pending-incident");
    post(admin(), slots(env) + SLOT + "/versions", "{\"promoteAfter\":\"PT24H\"}")
        .statusCode(200)
        .body("autoPromoteAt", org.hamcrest.Matchers.notNullValue());
    post(admin(), slots(env) + SLOT + "/rotate", "{}").statusCode(409);

    post(steppedUpAdmin(), slots(env) + SLOT + "/rotate", "{\"emergency\":true}")
        .statusCode(200)
        .body("version", equalTo(3));
    given()
        .auth()
        .oauth2(admin())
        .get(slots(env) + SLOT + "/versions")
        .then()
        .body("[1].state", equalTo("DESTROYED"))
        .body("[2].state", equalTo("PRIMARY"));
    assertThat(secretEntries(env)).doesNotContainKey(SLOT + ".v2").containsKey(SLOT + ".v3");
  }

  private void replaceMainEntry(String env, String value) {
    Secret secret = server.getClient().secrets().inNamespace(env).withName("vigil-keys").get();
    server
        .getClient()
        .secrets()
        .inNamespace(env)
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder(secret)
                .addToData(
                    SLOT,
                    Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                .build())
        .update();
  }

  private Map<String, String> secretEntries(String env) {
    Secret secret = server.getClient().secrets().inNamespace(env).withName("vigil-keys").get();
    Map<String, String> entries = new LinkedHashMap<>();
    secret
        .getData()
        .forEach(
            (k, v) ->
                entries.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return entries;
  }

  private static int encryptVersion(String env) {
    return post(
            service(),
            slots(env) + SLOT + "/transit/encrypt",
            "{\"items\":[{\"plaintext\":\"" + b64("probe") + "\"}]}")
        .extract()
        .path("items[0].keyVersion");
  }

  private static Map<String, Object> latestJob(String env) {
    return given()
        .auth()
        .oauth2(admin())
        .get("/api/v1/keys/environments/" + env + "/reencryption-jobs")
        .then()
        .statusCode(200)
        .extract()
        .path("[0]");
  }

  private static String jobState(Connection db, String env) throws Exception {
    try (PreparedStatement select =
        db.prepareStatement(
            "SELECT j.state FROM reencryption_job j JOIN key_environment e"
                + " ON e.id = j.environment_id WHERE e.name = ? ORDER BY j.id DESC LIMIT 1")) {
      select.setString(1, env);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private static Map<String, String> storeCredentials(String env, int count) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int from = 0; from < count; from += 500) {
      StringBuilder items = new StringBuilder();
      for (int i = from; i < Math.min(count, from + 500); i++) {
        String name = env + "-credential-" + i;
        String value = "secret-" + UUID.randomUUID();
        values.put(name, value);
        items
            .append(items.length() == 0 ? "" : ",")
            .append("{\"name\":\"")
            .append(name)
            .append("\",\"value\":\"")
            .append(value)
            .append("\"}");
      }
      post(
              service(),
              "/api/v1/keys/environments/" + env + "/credentials",
              "{\"items\":[" + items + "]}")
          .statusCode(200);
    }
    return values;
  }

  private static Map<String, String> decryptAll(String env, Map<String, String> ciphertexts) {
    Map<String, String> plaintexts = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(ciphertexts.keySet());
    for (int from = 0; from < names.size(); from += 1000) {
      List<String> page = names.subList(from, Math.min(names.size(), from + 1000));
      StringBuilder items = new StringBuilder();
      for (String name : page) {
        items
            .append(items.length() == 0 ? "" : ",")
            .append("{\"ciphertext\":\"")
            .append(ciphertexts.get(name))
            .append("\",\"context\":\"")
            .append(b64("credential:" + name))
            .append("\"}");
      }
      List<String> results =
          post(service(), slots(env) + SLOT + "/transit/decrypt", "{\"items\":[" + items + "]}")
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items.plaintext");
      for (int i = 0; i < page.size(); i++) {
        plaintexts.put(
            page.get(i),
            results.get(i) == null
                ? null
                : new String(Base64.getDecoder().decode(results.get(i)), StandardCharsets.UTF_8));
      }
    }
    return plaintexts;
  }

  private static String slots(String env) {
    return "/api/v1/keys/environments/" + env + "/slots/";
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
