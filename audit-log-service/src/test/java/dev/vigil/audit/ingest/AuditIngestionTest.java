package dev.vigil.audit.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.vigil.audit.SchemaOwner;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditIngestionTest {

  private static final String TOPIC = "vigil.audit";

  @Inject Pool pool;

  @Test
  void shouldStoreAnAuditEventFromKafkaAndServeItThroughTheApi() {
    String id = UUID.randomUUID().toString();
    String actor = "user-" + UUID.randomUUID();
    OffsetDateTime lateOccurrence = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).withNano(0);
    produce(id, actor, auditEvent(actor, "auth.signin.failed", lateOccurrence));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> search("actor", actor).body("entries", hasSize(1)));
    search("actor", actor)
        .body("entries[0].id", equalTo(id))
        .body("entries[0].action", equalTo("auth.signin.failed"))
        .body("entries[0].outcome", equalTo("failure"))
        .body("entries[0].actor.displayName", equalTo("Alice Example"))
        .body("entries[0].target.id", equalTo("tenant-portal"))
        .body("entries[0].sourceAddress", equalTo("203.0.113.7"))
        .body("entries[0].details.method", equalTo("password"))
        // a late event keeps its own time
        .body(
            "entries[0].occurredAt",
            equalTo(lateOccurrence.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
  }

  @Test
  void shouldStoreARedeliveredAuditEventOnce() {
    String id = UUID.randomUUID().toString();
    String actor = "user-" + UUID.randomUUID();
    byte[] body = auditEvent(actor, "member.role.changed", OffsetDateTime.now(ZoneOffset.UTC));
    produce(id, actor, body);
    produce(id, actor, body);
    String sentinel = UUID.randomUUID().toString();
    produce(sentinel, actor, auditEvent(actor, "apikey.used", OffsetDateTime.now(ZoneOffset.UTC)));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> search("actor", actor).body("entries", hasSize(2)));
    search("action", "member.role").body("entries.findAll { it.id == '" + id + "' }", hasSize(1));
  }

  @Test
  void shouldDeadLetterAnInvalidAuditEventAndKeepConsuming() {
    KafkaCompanion companion = KafkaTestBroker.running().companion();
    ConsumerTask<String, byte[]> dead =
        companion
            .consume(String.class, byte[].class)
            .fromTopics("vigil.dlq.audit-log-service.audit-events");
    String actor = "user-" + UUID.randomUUID();
    String badId = UUID.randomUUID().toString();
    produce(
        badId,
        actor,
        """
        {"occurredAt":"2026-01-01T00:00:00Z","actor":{"id":"x","type":"robot"},"action":"Not A Verb","outcome":"success"}"""
            .getBytes(StandardCharsets.UTF_8));
    String goodId = UUID.randomUUID().toString();
    produce(
        goodId,
        actor,
        auditEvent(actor, "auth.signin.succeeded", OffsetDateTime.now(ZoneOffset.UTC)));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> dead.getRecords().stream().anyMatch(r -> id(r).equals(badId)));
    ConsumerRecord<String, byte[]> rejected =
        dead.getRecords().stream().filter(r -> id(r).equals(badId)).findFirst().orElseThrow();
    String reason =
        new String(
            rejected.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    assertThat(reason).contains("/actor/type").contains("/action");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                search("actor", actor)
                    .body("entries", hasSize(1))
                    .body("entries[0].id", equalTo(goodId)));
  }

  @Test
  void shouldDeadLetterAnUnstorableEventAndStoreTheRestOfItsBatch() {
    KafkaCompanion companion = KafkaTestBroker.running().companion();
    ConsumerTask<String, byte[]> dead =
        companion
            .consume(String.class, byte[].class)
            .fromTopics("vigil.dlq.audit-log-service.audit-events");
    String actor = "user-" + UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String before = UUID.randomUUID().toString();
    String nul = UUID.randomUUID().toString();
    String spaced = UUID.randomUUID().toString();
    String after = UUID.randomUUID().toString();
    produce(before, actor, auditEvent(actor, "apikey.used", now));
    // The schema's date-time format admits a space for the 'T'; the chain's parser does not.
    produce(
        spaced,
        actor,
        new String(
                auditEvent(actor, "apikey.used", OffsetDateTime.parse("2026-11-29T10:15:00Z")),
                StandardCharsets.UTF_8)
            .replace("2026-11-29T10:15:00Z", "2026-11-29 10:15:00Z")
            .getBytes(StandardCharsets.UTF_8));
    // Valid by the schema, but PostgreSQL text cannot hold U+0000.
    produce(
        nul,
        actor,
        new String(auditEvent(actor, "apikey.used", now), StandardCharsets.UTF_8)
            .replace("\"method\":\"password\"", "\"method\":\"pass\\u0000word\"")
            .getBytes(StandardCharsets.UTF_8));
    produce(after, actor, auditEvent(actor, "apikey.used", now));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> dead.getRecords().stream().anyMatch(r -> id(r).equals(nul)));
    ConsumerRecord<String, byte[]> rejected =
        dead.getRecords().stream().filter(r -> id(r).equals(nul)).findFirst().orElseThrow();
    assertThat(
            new String(
                rejected.headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8))
        .contains("NUL");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> dead.getRecords().stream().anyMatch(r -> id(r).equals(spaced)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> search("actor", actor).body("entries", hasSize(2)));
    search("actor", actor)
        .body("entries.id", org.hamcrest.Matchers.containsInAnyOrder(before, after));
  }

  @Test
  void shouldGiveTheServiceRoleNoRightToUpdateOrDeleteEntries() {
    // The service's own connections: the role lacks the rights, whatever it sets.
    assertThatThrownBy(
            () ->
                VertxContextSupport.subscribeAndAwait(
                    () -> pool.query("UPDATE audit_entry SET outcome = 'success'").execute()))
        .hasMessageContaining("permission denied");
    assertThatThrownBy(
            () ->
                VertxContextSupport.subscribeAndAwait(
                    () ->
                        pool.withTransaction(
                            c ->
                                c.query("SELECT set_config('vigil.audit.prune', 'on', true)")
                                    .execute()
                                    .chain(() -> c.query("DELETE FROM audit_entry").execute()))))
        .hasMessageContaining("permission denied");
    // Nor can it prune past what a signed checkpoint anchors.
    assertThatThrownBy(
            () ->
                VertxContextSupport.subscribeAndAwait(
                    () -> pool.query("SELECT audit_prune('p0', 9223372036854775806)").execute()))
        .hasMessageContaining("no checkpoint anchors");
  }

  @Test
  void shouldRejectUpdatesAndDeletesEvenForTheSchemaOwner() {
    String actor = "user-" + UUID.randomUUID();
    produce(
        UUID.randomUUID().toString(),
        actor,
        auditEvent(actor, "apikey.used", OffsetDateTime.now(ZoneOffset.UTC)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> search("actor", actor).body("entries", hasSize(1)));

    assertThatThrownBy(
            () ->
                SchemaOwner.execute(
                    "UPDATE audit_entry SET outcome = 'success' WHERE actor_id = '" + actor + "'"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () -> SchemaOwner.execute("DELETE FROM audit_entry WHERE actor_id = '" + actor + "'"))
        .hasMessageContaining("append-only");
    search("actor", actor).body("entries", hasSize(1));
  }

  @Test
  void shouldRequireAnAuditorToReadTheLog() {
    given().when().get("/api/v1/audit/events").then().statusCode(401);
    String reviewer = EntraIdTestResource.tokens().user("rita", "Vigil.Reviewer").sign();
    given().auth().oauth2(reviewer).when().get("/api/v1/audit/events").then().statusCode(403);
    String auditor = EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
    given()
        .auth()
        .oauth2(auditor)
        .queryParam("limit", 0)
        .when()
        .get("/api/v1/audit/events")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400));
  }

  private static ValidatableResponse search(String param, String value) {
    String auditor = EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
    return given()
        .auth()
        .oauth2(auditor)
        .queryParam(param, value)
        .when()
        .get("/api/v1/audit/events")
        .then()
        .statusCode(200);
  }

  private static String id(ConsumerRecord<String, byte[]> record) {
    String id = CloudEventRecords.header(record, "ce_id");
    return id == null ? "" : id;
  }

  private static void produce(String id, String key, byte[] body) {
    CloudEventRecords.produce(
        CloudEventRecords.cloudEvent(TOPIC, key, AuditEventRecorded.TYPE)
            .id(id)
            .source("/platform/auth")
            .body(body));
  }

  private static byte[] auditEvent(String actor, String action, OffsetDateTime occurredAt) {
    return """
        {"occurredAt":"%s","actor":{"id":"%s","type":"user","displayName":"Alice Example"},
         "action":"%s","target":{"type":"application","id":"tenant-portal"},"outcome":"%s",
         "sourceAddress":"203.0.113.7","userAgent":"curl/8","correlationId":"c-1",
         "details":{"method":"password"}}"""
        .formatted(
            // RFC 3339 needs the seconds, which OffsetDateTime.toString() drops when they are zero.
            occurredAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            actor,
            action,
            action.endsWith("failed") ? "failure" : "success")
        .getBytes(StandardCharsets.UTF_8);
  }
}
