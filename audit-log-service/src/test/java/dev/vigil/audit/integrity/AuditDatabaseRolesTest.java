package dev.vigil.audit.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.audit.AuditRolesTestDatabase;
import dev.vigil.audit.SchemaOwner;
import dev.vigil.audit.chain.Checkpointer;
import dev.vigil.audit.verify.CheckpointSignatures;
import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the service's own database credentials can do to the log, tried as an attacker holding them
 * would: nothing that rewrites history goes unrefused or undetected.
 */
@QuarkusTest
class AuditDatabaseRolesTest {

  @Inject Checkpointer checkpointer;

  private String actor;

  @BeforeEach
  void storeAnEntry() throws Throwable {
    actor = "roles-" + UUID.randomUUID();
    CloudEventRecords.produce(
        CloudEventRecords.cloudEvent("vigil.audit", actor, "dev.vigil.audit.event-recorded.v1")
            .body(
                """
                {"occurredAt":"%s","actor":{"id":"%s","type":"user"},"action":"auth.signin",
                 "outcome":"success"}"""
                    .formatted(OffsetDateTime.now(ZoneOffset.UTC), actor)));
    await().atMost(Duration.ofSeconds(30)).until(() -> count(actor) == 1);
  }

  @Test
  void shouldRefuseTheRuntimeRoleDisablingTheAppendOnlyTrigger() throws SQLException {
    try (Connection runtime = runtime()) {
      assertThatThrownBy(
              () ->
                  runtime
                      .createStatement()
                      .execute(
                          "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete"))
          .hasMessageContaining("must be owner");
    }
  }

  @Test
  void shouldRefuseTheRuntimeRoleDeletingEntriesWithOrWithoutThePruneFlag() throws SQLException {
    try (Connection runtime = runtime();
        Statement statement = runtime.createStatement()) {
      statement.execute("SET vigil.audit.prune = 'on'");
      assertThatThrownBy(
              () -> statement.execute("DELETE FROM audit_entry WHERE actor_id = '" + actor + "'"))
          .hasMessageContaining("permission denied");
    }
    assertThat(count(actor)).isEqualTo(1);
  }

  @Test
  void shouldRefuseThePruneFlagEvenToARoleHoldingDeleteRights() throws SQLException {
    // A role that was (wrongly) granted DELETE: the trigger, not the grant, is the last line.
    String role = AuditRolesTestDatabase.RUNTIME + "_x";
    SchemaOwner.execute(
        "CREATE ROLE " + role + " LOGIN", "GRANT SELECT, DELETE ON audit_entry TO " + role);
    try (Connection connection = AuditRolesTestDatabase.connectAs(role, database());
        Statement statement = connection.createStatement()) {
      statement.execute("SET vigil.audit.prune = 'on'");
      assertThatThrownBy(
              () -> statement.execute("DELETE FROM audit_entry WHERE actor_id = '" + actor + "'"))
          .hasMessageContaining("append-only");
    } finally {
      SchemaOwner.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
    }
    assertThat(count(actor)).isEqualTo(1);
  }

  @Test
  void shouldRefuseTheRuntimeRoleBecomingThePruneRole() throws SQLException {
    try (Connection runtime = runtime()) {
      assertThatThrownBy(
              () -> runtime.createStatement().execute("SET ROLE " + AuditRolesTestDatabase.PRUNER))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void shouldFailVerificationOnceTheRuntimeRoleInsertsASigningKey() throws Throwable {
    VertxContextSupport.subscribeAndAwait(() -> checkpointer.checkpointDueChains(true));
    verify().body("ok", equalTo(true));

    KeyPair forged = KeyPairGenerator.getInstance(CheckpointSignatures.ALGORITHM).generateKeyPair();
    String keyId = CheckpointSignatures.keyId(forged.getPublic());
    try (Connection runtime = runtime();
        PreparedStatement key =
            runtime.prepareStatement(
                "INSERT INTO audit_signing_key (key_id, public_key, first_used) VALUES (?, ?, now())")) {
      key.setString(1, keyId);
      key.setString(2, Base64.getEncoder().encodeToString(forged.getPublic().getEncoded()));
      key.executeUpdate();
    }
    try {
      verify()
          .body("ok", equalTo(false))
          .body("problem.problem", equalTo("UNPINNED_KEY"))
          .body("problem.detail", org.hamcrest.Matchers.containsString(keyId));
    } finally {
      SchemaOwner.execute("DELETE FROM audit_signing_key WHERE key_id = '" + keyId + "'");
    }
    verify().body("ok", equalTo(true));
  }

  private static ValidatableResponse verify() {
    return given()
        .auth()
        .oauth2(EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign())
        .when()
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200);
  }

  private static Connection runtime() throws SQLException {
    return AuditRolesTestDatabase.connectAs(AuditRolesTestDatabase.RUNTIME, database());
  }

  private static String database() {
    return ConfigProvider.getConfig().getValue("vigil.db.name", String.class);
  }

  private static long count(String actorId) throws SQLException {
    try (Connection connection = runtime();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT count(*) FROM audit_entry WHERE actor_id = '" + actorId + "'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String chainOf(String actorId) throws SQLException {
    try (Connection connection = runtime();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT chain_id FROM audit_entry WHERE actor_id = '"
                        + actorId
                        + "' LIMIT 1")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
