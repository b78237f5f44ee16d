package dev.vigil.audit.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.audit.SchemaOwner;
import dev.vigil.audit.chain.CheckpointSigner;
import dev.vigil.audit.chain.Checkpointer;
import dev.vigil.audit.verify.CheckpointSignatures;
import dev.vigil.audit.verify.VerifyExport;
import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class AuditIntegrityTest {

  @Inject Pool pool;
  @Inject Checkpointer checkpointer;
  @Inject CheckpointSigner signer;
  @Inject VerificationPermits permits;

  private String actor;

  @BeforeEach
  void ingestFiveEventsAndCheckpoint() throws Throwable {
    actor = "user-" + UUID.randomUUID();
    for (int i = 0; i < 5; i++) {
      CloudEventRecords.produce(
          CloudEventRecords.cloudEvent("vigil.audit", actor, "dev.vigil.audit.event-recorded.v1")
              .body(
                  """
                  {"occurredAt":"%s","actor":{"id":"%s","type":"user"},"action":"auth.signin.failed",
                   "outcome":"failure","sourceAddress":"198.51.100.%d","details":{"attempt":%d,"b":[1,{"z":1,"a":2}]}}"""
                      .formatted(OffsetDateTime.now(ZoneOffset.UTC), actor, i, i)));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> countOf(actor) == 5);
    VertxContextSupport.subscribeAndAwait(() -> checkpointer.checkpointDueChains(true));
  }

  @Test
  void shouldVerifyAnIntactLog() {
    verify().body("ok", equalTo(true));
    assertThat(verify().extract().jsonPath().getInt("checkpointsChecked")).isPositive();
  }

  @Test
  void shouldFindAnAlteredFieldAndVerifyAgainOnceRestored() throws Throwable {
    long id = newestIdOf(actor);
    sqlBypassingTriggers("UPDATE audit_entry SET outcome = 'success' WHERE id = " + id);
    try {
      verify().body("ok", equalTo(false)).body("problem.problem", equalTo("HASH_MISMATCH"));
    } finally {
      sqlBypassingTriggers("UPDATE audit_entry SET outcome = 'failure' WHERE id = " + id);
    }
    verify().body("ok", equalTo(true));
  }

  @Test
  void shouldFindDeletedNewestEntriesAgainstTheLastCheckpoint() throws Throwable {
    // Reads are audited too: wait until those events are stored, or one may land after the
    // "newest" entry deleted below and turn the missing tail into a gap.
    awaitQuietLog();
    // Those late entries may have moved the head past the checkpoint taken before the test; only
    // a checkpoint that covers the head makes its deletion detectable.
    VertxContextSupport.subscribeAndAwait(() -> checkpointer.checkpointDueChains(true));
    String chain =
        single("SELECT chain_id FROM audit_entry WHERE actor_id = '" + actor + "' LIMIT 1")
            .getString(0);
    long headSeq =
        single("SELECT max(chain_seq) FROM audit_entry WHERE chain_id = '" + chain + "'")
            .getLong(0);
    sqlBypassingTriggers(
        "CREATE TEMP TABLE removed AS SELECT * FROM audit_entry WHERE chain_id = '"
            + chain
            + "' AND chain_seq = "
            + headSeq
            + ";"
            + " DELETE FROM audit_entry WHERE chain_id = '"
            + chain
            + "' AND chain_seq = "
            + headSeq
            + ";"
            + " CREATE TABLE IF NOT EXISTS test_removed_entry AS SELECT * FROM removed;");
    try {
      verify()
          .body("ok", equalTo(false))
          .body("problem.problem", equalTo("MISSING_TAIL"))
          .body("problem.chain", equalTo(chain));
    } finally {
      sqlBypassingTriggers(
          "INSERT INTO audit_entry OVERRIDING SYSTEM VALUE SELECT * FROM test_removed_entry; DROP TABLE test_removed_entry;");
    }
    verify().body("ok", equalTo(true));
  }

  @Test
  void shouldFindAForgedCheckpoint() throws Throwable {
    String chain =
        single("SELECT chain_id FROM audit_entry WHERE actor_id = '" + actor + "' LIMIT 1")
            .getString(0);
    sqlBypassingTriggers(
        "INSERT INTO audit_checkpoint (chain_id, seq, entry_hash, created_at, key_id, signature) SELECT chain_id, seq + 1000,"
            + " entry_hash, created_at, key_id, signature FROM audit_checkpoint WHERE chain_id = '"
            + chain
            + "' ORDER BY seq DESC LIMIT 1");
    try {
      verify().body("ok", equalTo(false)).body("problem.problem", equalTo("SIGNATURE_INVALID"));
    } finally {
      sqlBypassingTriggers("DELETE FROM audit_checkpoint WHERE seq > 1000");
    }
  }

  @Test
  void shouldExportEvidenceThatVerifiesOfflineAndFailsAfterOneChangedByte(@TempDir Path dir)
      throws Exception {
    Path export = dir.resolve("export.jsonl");
    Files.write(export, exportBody(""));
    assertThat(runVerifier(export))
        .as(Files.readString(export).substring(0, 300))
        .startsWith("OK:");

    Path filtered = dir.resolve("filtered.jsonl");
    Files.write(filtered, exportBody("actor=" + actor));
    String filteredResult = runVerifier(filtered);
    assertThat(filteredResult).startsWith("OK:").contains("(5 with content)");

    byte[] bytes = Files.readAllBytes(export);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = text.indexOf("\"outcome\":\"failure\"") + "\"outcome\":\"".length();
    bytes[at] = (byte) 'F';
    Path tampered = dir.resolve("tampered.jsonl");
    Files.write(tampered, bytes);
    assertThat(runVerifier(tampered)).startsWith("FAIL: HASH_MISMATCH");
  }

  @Test
  void shouldRefuseAVerificationWhileTheAllowedOnesRunAndAcceptItAfterwards() {
    assertThat(permits.tryAcquire()).isTrue(); // as if a whole-log verification were running
    try {
      given()
          .auth()
          .oauth2(auditorToken())
          .when()
          .get("/api/v1/audit/verify")
          .then()
          .statusCode(429)
          .header("Retry-After", equalTo("30"))
          .contentType("application/problem+json");
    } finally {
      permits.release();
    }
    verify().body("ok", equalTo(true));
    verify().body("ok", equalTo(true)); // each finished verification gave its permit back
  }

  @Test
  void shouldVerifyExportsOfflineOnlyAgainstPinnedKeys(@TempDir Path dir) throws Exception {
    Path export = dir.resolve("export.jsonl");
    Files.write(export, exportBody("actor=" + actor));
    assertThat(verifierOutput(export.toString())).startsWith("usage:");

    KeyPair inserted = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String keyId = CheckpointSignatures.keyId(inserted.getPublic());
    SchemaOwner.execute(
        "INSERT INTO audit_signing_key (key_id, public_key, first_used) VALUES ('"
            + keyId
            + "', '"
            + Base64.getEncoder().encodeToString(inserted.getPublic().getEncoded())
            + "', now())");
    try {
      Path withInsertedKey = dir.resolve("inserted-key.jsonl");
      Files.write(withInsertedKey, exportBody("actor=" + actor));
      assertThat(runVerifier(withInsertedKey)).startsWith("FAIL: UNPINNED_KEY").contains(keyId);
    } finally {
      SchemaOwner.execute("DELETE FROM audit_signing_key WHERE key_id = '" + keyId + "'");
    }
  }

  @Test
  void shouldExportCsvForPeopleWithoutFormulaInjection() {
    String csv =
        given()
            .auth()
            .oauth2(auditorToken())
            .queryParam("actor", actor)
            .when()
            .get("/api/v1/audit/export/csv")
            .then()
            .statusCode(200)
            .header(
                "Content-Disposition",
                org.hamcrest.Matchers.containsString("vigil-audit-export.csv"))
            .extract()
            .asString();
    assertThat(csv.lines())
        .hasSize(6)
        .first()
        .asString()
        .startsWith("occurred_at,event_id,actor_id");
  }

  private byte[] exportBody(String query) {
    return given()
        .auth()
        .oauth2(auditorToken())
        .when()
        .get("/api/v1/audit/export" + (query.isEmpty() ? "" : "?" + query))
        .then()
        .statusCode(200)
        .extract()
        .asByteArray();
  }

  private String runVerifier(Path file) {
    return verifierOutput(file.toString(), "--public-key", signer.publicKeyBase64());
  }

  private static String verifierOutput(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VerifyExport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.startsWith("WARNING"))
        .findFirst()
        .orElse("");
  }

  private static ValidatableResponse verify() {
    return given()
        .auth()
        .oauth2(auditorToken())
        .when()
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200);
  }

  private static String auditorToken() {
    return EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
  }

  private long countOf(String actorId) {
    return single("SELECT count(*) FROM audit_entry WHERE actor_id = '" + actorId + "'").getLong(0);
  }

  private long newestIdOf(String actorId) {
    return single("SELECT max(id) FROM audit_entry WHERE actor_id = '" + actorId + "'").getLong(0);
  }

  private void awaitQuietLog() {
    long[] last = {-1};
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              long unsent =
                  single("SELECT count(*) FROM vigil_outbox WHERE sent_at IS NULL").getLong(0);
              long stored = single("SELECT coalesce(sum(seq), 0) FROM audit_chain_head").getLong(0);
              boolean quiet = unsent == 0 && stored == last[0];
              last[0] = stored;
              return quiet;
            });
  }

  private Row single(String sql) {
    try {
      RowSet<Row> rows = VertxContextSupport.subscribeAndAwait(() -> pool.query(sql).execute());
      return rows.iterator().next();
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What an attacker with database superuser rights could do: triggers off for this transaction.
   */
  private void sqlBypassingTriggers(String sql) throws Throwable {
    SchemaOwner.execute("SET LOCAL session_replication_role = replica", sql);
  }
}
