package dev.vigil.keys;

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

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;

/**
 * Runs every key operation, including the failing ones, then searches the log, every event, every
 * API response and the whole database for any key value, passphrase or credential in any encoding.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class NoKeyMaterialTest {

  private static final String PASSPHRASE = "a long offline backup passphrase";
  private static final String SLOT = "AUTH_ENCRYPTION_KEY";

  @KubernetesTestServer KubernetesServer server;

  @Test
  void shouldKeepKeyMaterialOutOfLogsEventsErrorsAndTheDatabaseAfterAFullRun() throws Exception {
    ConsumerTask<String, byte[]> keyEvents = consume("vigil.keys");
    ConsumerTask<String, byte[]> evaluations = consume("vigil.compliance");
    List<String> responses = new ArrayList<>();
    Set<String> secrets = new LinkedHashSet<>(List.of(PASSPHRASE));
    String env = environmentWithKeys("sealed");
    String other = environmentWithKeys("sealed-copy");
    String slots = "/api/v1/keys/environments/" + env + "/slots/";

    responses.add(
        post(admin(), slots + "custom", "{\"name\":\"WEBHOOK_SIGNING_KEY\"}").extract().asString());
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      String value = "credential-value-" + i + "-" + System.nanoTime();
      secrets.add(value);
      items
          .append(i == 0 ? "" : ",")
          .append("{\"name\":\"cred-")
          .append(i)
          .append("\",\"value\":\"")
          .append(value)
          .append("\",\"slot\":\"")
          .append(SLOT)
          .append("\"}");
    }
    responses.add(
        post(
                service(),
                "/api/v1/keys/environments/" + env + "/credentials",
                "{\"items\":[" + items + "]}")
            .statusCode(200)
            .extract()
            .asString());
    responses.add(
        post(admin(), slots + SLOT + "/rotate", "{}").statusCode(200).extract().asString());
    responses.add(
        post(admin(), slots + SLOT + "/rotate", "{\"emergency\":true}")
            .statusCode(401)
            .extract()
            .asString());
    responses.add(
        post(
                steppedUpAdmin(),
                slots + SLOT + "/rotate",
                "{\"emergency\":true,\"reason\":\"drill\"}")
            .statusCode(200)
            .extract()
            .asString());
    recordSaying(keyEvents, env + "/" + SLOT, "\"targetVersion\": 3", "\"COMPLETED\"");
    responses.add(
        post(steppedUpAdmin(), slots + SLOT + "/versions/1/retire", "{}").extract().asString());
    responses.add(
        post(
                service(),
                slots + SLOT + "/transit/decrypt",
                "{\"items\":[{\"ciphertext\":\"vigil:v2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"},"
                    + "{\"ciphertext\":\"vigil:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"},{\"ciphertext\":\"x\"}]}")
            .extract()
            .asString());
    // The one place a credential's value may appear: its owner reading it back.
    assertThat(
            given()
                .auth()
                .oauth2(service())
                .get("/api/v1/keys/environments/" + env + "/credentials/cred-3")
                .then()
                .statusCode(200)
                .extract()
                .<String>path("value"))
        .startsWith("credential-value-3-");

    String bundle =
        post(
                steppedUpAdmin(),
                "/api/v1/keys/environments/" + env + "/backups",
                "{\"passphrase\":\"" + PASSPHRASE + "\"}")
            .statusCode(201)
            .extract()
            .asString();
    responses.add(
        post(
                admin(),
                "/api/v1/keys/environments/" + env + "/backups/verify",
                "{\"bundle\":" + bundle + ",\"passphrase\":\"wrong wrong wrong wrong\"}")
            .extract()
            .asString());
    responses.add(
        post(
                admin(),
                "/api/v1/keys/environments/" + env + "/backups/verify",
                "{\"bundle\":" + bundle + ",\"passphrase\":\"" + PASSPHRASE + "\"}")
            .extract()
            .asString());
    Secret changed =
        new SecretBuilder(secret(env))
            .addToData(
                "AUTH_SECRET",
                Base64.getEncoder()
                    .encodeToString(
                        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                            .getBytes(StandardCharsets.UTF_8)))
            .build();
    server.getClient().secrets().inNamespace(env).resource(changed).update();
    responses.add(
        post(
                steppedUpAdmin(),
                "/api/v1/keys/environments/" + env + "/backups/restore",
                "{\"bundle\":" + bundle + ",\"passphrase\":\"" + PASSPHRASE + "\"}")
            .statusCode(409)
            .extract()
            .asString());
    responses.add(post(admin(), slots + "adopt", "{}").extract().asString());

    // Reuse across environments and a leak in git: evidence and findings name versions only.
    Secret copied =
        new SecretBuilder(secret(other))
            .addToData("DEVICE_ENCRYPTION_KEY", secret(env).getData().get("DEVICE_ENCRYPTION_KEY"))
            .build();
    server.getClient().secrets().inNamespace(other).resource(copied).update();
    responses.add(
        post(admin(), "/api/v1/keys/environments/" + other + "/slots/adopt", "{}")
            .extract()
            .asString());
    Path repository = Files.createTempDirectory("sealed-repo");
    try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
      Files.writeString(repository.resolve("keys.txt"), decoded(secret(env), SLOT + ".v2") + "\n");
      git.add().addFilepattern("keys.txt").call();
      git.commit().setMessage("keys").setAuthor("d", "d@example.com").setSign(false).call();
    }
    responses.add(
        post(
                admin(),
                "/api/v1/keys/leak-scan/repositories",
                "{\"name\":\"sealed-" + env + "\",\"url\":\"" + repository.toUri() + "\"}")
            .extract()
            .asString());
    recordSaying(keyEvents, "sealed-" + env, "KEY_VERSION");
    responses.add(
        given()
            .auth()
            .oauth2(admin())
            .get("/api/v1/keys/leak-scan/findings")
            .then()
            .extract()
            .asString());
    responses.add(
        given().auth().oauth2(admin()).get(slots + SLOT + "/versions").then().extract().asString());
    responses.add(
        given()
            .auth()
            .oauth2(admin())
            .get("/api/v1/keys/environments/nope/slots")
            .then()
            .extract()
            .asString());

    for (Secret secret : server.getClient().secrets().inAnyNamespace().list().getItems()) {
      secret
          .getData()
          .values()
          .forEach(
              v -> secrets.add(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : secrets) {
      forms.add(secret);
      forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
      if (secret.matches("[0-9a-fA-F]{64}")) {
        forms.add(secret.toUpperCase());
        forms.add(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(secret)));
      }
    }
    assertThat(forms).hasSizeGreaterThan(40);

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outboxDrained());
    String log = Files.readString(Path.of("target/key-service-test.log"));
    assertThat(log).contains(env);
    StringBuilder published = new StringBuilder();
    for (var record : keyEvents.getRecords()) {
      published.append(record.key()).append(new String(record.value(), StandardCharsets.UTF_8));
      for (Header header : record.headers()) {
        published.append(new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    for (var record : evaluations.getRecords()) {
      published.append(new String(record.value(), StandardCharsets.UTF_8));
    }
    assertThat(published.toString()).contains("COMPROMISED").contains("is also");
    String database = databaseDump();
    assertThat(database).contains("vigil:v3:");

    for (String form : forms) {
      assertThat(log).as("log").doesNotContain(form);
      assertThat(published.toString()).as("events").doesNotContain(form);
      assertThat(String.join("\n", responses)).as("API responses").doesNotContain(form);
      assertThat(database).as("database").doesNotContain(form);
    }
  }

  private Secret secret(String env) {
    return server.getClient().secrets().inNamespace(env).withName("vigil-keys").get();
  }

  private static String decoded(Secret secret, String entry) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(entry)), StandardCharsets.UTF_8);
  }

  private static boolean outboxDrained() throws Exception {
    try (Connection db = database();
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT count(*) FROM vigil_outbox WHERE sent_at IS NULL")) {
      rows.next();
      return rows.getLong(1) == 0;
    }
  }

  /** Every row of every table, as text. */
  private static String databaseDump() throws Exception {
    StringBuilder dump = new StringBuilder();
    try (Connection db = database();
        Statement statement = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rows = statement.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
          while (rows.next()) {
            dump.append(rows.getString(1)).append('\n');
          }
        }
      }
    }
    return dump.toString();
  }
}
