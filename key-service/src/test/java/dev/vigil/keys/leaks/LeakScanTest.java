package dev.vigil.keys.leaks;

import static dev.vigil.common.contract.ReportedControls.status;
import static dev.vigil.keys.KeyTestSupport.admin;
import static dev.vigil.keys.KeyTestSupport.consume;
import static dev.vigil.keys.KeyTestSupport.environmentWithKeys;
import static dev.vigil.keys.KeyTestSupport.post;
import static dev.vigil.keys.KeyTestSupport.recordSaying;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class LeakScanTest {

  private static final String SLOT = "DEVICE_ENCRYPTION_KEY";

  @KubernetesTestServer KubernetesServer server;

  @Test
  void shouldFindAPastKeyVersionPlantedInAnOldCommitAndCommittedEnvFilesOnAnyBranch()
      throws Exception {
    ConsumerTask<String, byte[]> keyEvents = consume("vigil.keys");
    String env = environmentWithKeys("leaky");
    String planted = secretValue(env, SLOT);
    // The planted value becomes a past version: history must be scanned for those too.
    post(admin(), "/api/v1/keys/environments/" + env + "/slots/" + SLOT + "/rotate", "{}")
        .statusCode(200);

    Path directory = Files.createTempDirectory("leaky-repo");
    RevCommit planting;
    try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
      commit(git, "README.md", "# service\n", "initial");
      planting =
          commit(
              git,
              "deploy/config.yaml",
              "name: service\nreplicas: 2\nkey: " + planted.toUpperCase() + "\n",
              "add config");
      commit(
          git,
          "deploy/config.yaml",
          "name: service\nreplicas: 3\nkey: ${DEVICE_KEY}\n",
          "use a variable");
      commit(
          git, "application.yaml", "auth:\n  AUTH_SECRET: ${AUTH_SECRET}\n", "placeholders only");
      commit(
          git,
          ".env.example",
          "AUTH_SECRET=<generate with openssl rand -hex 32>\n",
          "document env");
      git.tag().setName("v1.0").call();
      git.checkout().setCreateBranch(true).setName("feature").call();
      commit(git, ".env", "# local\nAUTH_SECRET=hunter2-but-longer\n", "oops");
      git.checkout().setName("main").call();
    }

    given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body("{\"name\":\"leaky-" + env + "\",\"url\":\"" + directory.toUri() + "\"}")
        .post("/api/v1/keys/leak-scan/repositories")
        .then()
        .statusCode(201);
    List<Map<String, Object>> findings = awaitFindings(env, 3);

    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f)
                  .containsEntry("kind", "KEY_VERSION")
                  .containsEntry("commit", planting.getName())
                  .containsEntry("path", "deploy/config.yaml")
                  .containsEntry("line", 3)
                  .containsEntry("environment", env)
                  .containsEntry("slot", SLOT)
                  .containsEntry("version", 1);
            })
        .anySatisfy(
            f -> assertThat(f).containsEntry("kind", "ENV_FILE").containsEntry("path", ".env"))
        .anySatisfy(
            f ->
                assertThat(f)
                    .containsEntry("kind", "SECRET_ASSIGNMENT")
                    .containsEntry("path", ".env")
                    .containsEntry("line", 2))
        .hasSize(3);
    assertThat(status("KEY-05")).isEqualTo("FAIL");
    assertThat(status("ENV-01")).isEqualTo("FAIL");
    String event = recordSaying(keyEvents, "leaky-" + env, "KEY_VERSION");
    assertThat(event).contains(planting.getName()).doesNotContainIgnoringCase(planted);

    // A second scan sees the same findings and adds none.
    given()
        .auth()
        .oauth2(admin())
        .post("/api/v1/keys/leak-scan/repositories/leaky-" + env + "/scan")
        .then()
        .statusCode(202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                findingsOf(env).stream()
                    .allMatch(f -> !f.get("lastSeenAt").equals(f.get("firstSeenAt"))));
    assertThat(findingsOf(env)).hasSize(3);

    Object keyFinding =
        findingsOf(env).stream()
            .filter(f -> f.get("kind").equals("KEY_VERSION"))
            .findFirst()
            .orElseThrow()
            .get("id");
    post(admin(), "/api/v1/keys/leak-scan/findings/" + keyFinding + "/resolve", "{}")
        .statusCode(400)
        .body("detail", containsString("note"));
    post(
            admin(),
            "/api/v1/keys/leak-scan/findings/" + keyFinding + "/resolve",
            "{\"note\":\"v1 was rotated out and the history rewritten\"}")
        .statusCode(200);
    assertThat(status("KEY-05")).isEqualTo("PASS");
    assertThat(status("ENV-01")).isEqualTo("FAIL");
    assertThat(findingsOf(env)).hasSize(2);
  }

  @Test
  void shouldRefuseRepositoryUrlsWithCredentialsOrOfUnknownSchemes() {
    post(
            admin(),
            "/api/v1/keys/leak-scan/repositories",
            "{\"name\":\"creds\",\"url\":\"https://bot:ghp_secret@git.example/org/repo.git\"}")
        .statusCode(400)
        .body("detail", containsString("credentials"))
        .body(org.hamcrest.Matchers.not(containsString("ghp_secret")));
    post(
            admin(),
            "/api/v1/keys/leak-scan/repositories",
            "{\"name\":\"plain\",\"url\":\"http://git.example/org/repo.git\"}")
        .statusCode(400);
  }

  @Test
  void shouldRefuseHostsInTheServicesOwnNetworks() {
    for (String url :
        List.of(
            "https://127.0.0.1/org/repo.git",
            "https://10.0.0.5/org/repo.git",
            "https://169.254.169.254/latest/meta-data",
            "https://[fd00::1]/org/repo.git",
            "git@192.168.1.10:org/repo.git")) {
      post(
              admin(),
              "/api/v1/keys/leak-scan/repositories",
              "{\"name\":\"internal-" + java.util.UUID.randomUUID() + "\",\"url\":\"" + url + "\"}")
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", containsString("allowed-networks"));
    }
  }

  @Test
  void shouldCheckTheResolvedAddressAgainWhenTheScanConnects() throws Exception {
    // As if the host resolved to a public address at registration and to loopback since (DNS
    // rebinding): the row is written directly, the scan must still refuse to connect.
    String name = "rebound-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try (java.net.ServerSocket listener =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(200);
      java.util.concurrent.atomic.AtomicInteger connections =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread acceptor =
          new Thread(
              () -> {
                while (!listener.isClosed()) {
                  try (java.net.Socket ignored = listener.accept()) {
                    connections.incrementAndGet();
                  } catch (java.io.IOException timeout) {
                    // poll again until closed
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      try (var db = dev.vigil.keys.KeyTestSupport.database();
          var insert =
              db.prepareStatement(
                  "INSERT INTO leak_repository (name, url, created_at, scan_requested_at)"
                      + " VALUES (?, ?, now(), now())")) {
        insert.setString(1, name);
        insert.setString(2, "https://127.0.0.1:" + listener.getLocalPort() + "/org/repo.git");
        insert.executeUpdate();
      }

      String error = awaitScanError(name);

      forget(name);
      assertThat(error).contains("loopback").contains("allowed-networks");
      assertThat(connections.get()).isZero();
      listener.close();
      acceptor.join(2000);
    }
  }

  @Test
  void shouldNotEchoRawGitErrors() throws Exception {
    Path missing = Files.createTempDirectory("vigil-not-a-repo");
    String name = "broken-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    post(
            admin(),
            "/api/v1/keys/leak-scan/repositories",
            "{\"name\":\"" + name + "\",\"url\":\"" + missing + "\"}")
        .statusCode(201);

    String error = awaitScanError(name);

    forget(name);
    assertThat(error).isEqualTo("no git repository at this URL").doesNotContain(missing.toString());
  }

  private static String awaitScanError(String name) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> repositoryField(name, "lastScanError") != null);
    return repositoryField(name, "lastScanError");
  }

  private static String repositoryField(String name, String field) {
    List<Map<String, Object>> repositories =
        given()
            .auth()
            .oauth2(admin())
            .get("/api/v1/keys/leak-scan/repositories")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    return repositories.stream()
        .filter(r -> name.equals(r.get("name")))
        .findFirst()
        .map(r -> (String) r.get(field))
        .orElse(null);
  }

  /** A repository that never scans would keep KEY-05 and ENV-01 at WARN for the other tests. */
  private static void forget(String name) throws Exception {
    try (var db = dev.vigil.keys.KeyTestSupport.database();
        var delete = db.prepareStatement("DELETE FROM leak_repository WHERE name = ?")) {
      delete.setString(1, name);
      delete.executeUpdate();
    }
  }

  private static List<Map<String, Object>> awaitFindings(String env, int count) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> findingsOf(env).size() >= count);
    return findingsOf(env);
  }

  private static List<Map<String, Object>> findingsOf(String env) {
    return given()
        .auth()
        .oauth2(admin())
        .queryParam("repository", "leaky-" + env)
        .get("/api/v1/keys/leak-scan/findings")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("");
  }

  private static RevCommit commit(Git git, String path, String content, String message)
      throws Exception {
    Path file = git.getRepository().getWorkTree().toPath().resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    git.add().addFilepattern(path).call();
    return git.commit()
        .setMessage(message)
        .setAuthor("dev", "dev@example.com")
        .setCommitter("dev", "dev@example.com")
        .setSign(false)
        .call();
  }

  private String secretValue(String env, String slot) {
    return new String(
        Base64.getDecoder()
            .decode(
                server
                    .getClient()
                    .secrets()
                    .inNamespace(env)
                    .withName("vigil-keys")
                    .get()
                    .getData()
                    .get(slot)),
        StandardCharsets.UTF_8);
  }
}
