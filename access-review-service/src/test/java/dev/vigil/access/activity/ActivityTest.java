package dev.vigil.access.activity;

import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.service;
import static dev.vigil.access.AccessTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.snapshot.Account;
import dev.vigil.access.snapshot.ApiKey;
import dev.vigil.access.snapshot.SnapshotStore;
import dev.vigil.access.snapshot.Source;
import dev.vigil.access.snapshot.SourceSnapshot;
import dev.vigil.access.sources.graph.GraphStub;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.testing.kafka.CloudEventRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Platform sign-ins and API-key uses on vigil.audit (in-JVM Kafka) update last activity. */
@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class ActivityTest {

  private static final OffsetDateTime LONG_AGO =
      OffsetDateTime.now(ZoneOffset.UTC).minusDays(200).truncatedTo(ChronoUnit.SECONDS);

  @Inject SnapshotStore store;

  private static ProducerRecord<String, byte[]> audit(String eventId, String key, String body) {
    return CloudEventRecords.cloudEvent("vigil.audit", key, AuditEventRecorded.TYPE)
        .id(eventId)
        .source("/platform")
        .body(body);
  }

  private static String signIn(String member, OffsetDateTime at, String outcome) {
    return """
        {"occurredAt":"%s","actor":{"id":"%s","type":"user"},"action":"auth.signin.%s",\
        "outcome":"%s"}"""
        .formatted(at, member, "success".equals(outcome) ? "succeeded" : "failed", outcome);
  }

  private static String keyUse(String key, OffsetDateTime at) {
    return """
        {"occurredAt":"%s","actor":{"id":"ci","type":"service"},"action":"apikey.used",\
        "target":{"type":"api-key","id":"%s"},"outcome":"success"}"""
        .formatted(at, key);
  }

  private static String snapshot(String member, String key) {
    return ("{\"members\":[{\"id\":\"%s\",\"status\":\"ACTIVE\",\"roles\":[\"member\"],"
            + "\"createdAt\":\"%s\",\"lastActiveAt\":\"%s\"}],"
            + "\"apiKeys\":[{\"id\":\"%s\",\"ownerId\":\"%s\",\"createdAt\":\"%s\","
            + "\"lastUsedAt\":\"%s\",\"status\":\"ACTIVE\"}]}")
        .formatted(member, LONG_AGO, LONG_AGO, key, member, LONG_AGO, LONG_AGO);
  }

  private SourceSnapshot current(long sourceId) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () -> Panache.withSession(() -> Source.byId(sourceId).chain(s -> store.current(s))));
  }

  private Instant lastSignIn(long sourceId, String member) throws Throwable {
    Account account =
        current(sourceId).accounts().stream()
            .filter(a -> a.id().equals(member))
            .findFirst()
            .orElseThrow();
    return account.lastSignIn().at();
  }

  private Instant lastUse(long sourceId, String key) throws Throwable {
    ApiKey apiKey =
        current(sourceId).apiKeys().stream()
            .filter(k -> k.id().equals(key))
            .findFirst()
            .orElseThrow();
    return apiKey.lastUsedAt();
  }

  @Test
  void shouldMoveLastActivityForwardOnceFromSignInAndKeyEventsAndKeepItAcrossPushes()
      throws Throwable {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String member = "lea-" + suffix;
    String key = "key-" + suffix;
    long sourceId = source("platform", "PLATFORM");
    String snapshots = "/api/v1/access-reviews/sources/" + sourceId + "/snapshots";
    post(service(), snapshots, snapshot(member, key)).statusCode(201);
    assertThat(lastSignIn(sourceId, member)).isEqualTo(LONG_AGO.toInstant());

    // Given a sign-in, a failed sign-in (no activity) and a key use on vigil.audit
    OffsetDateTime hourAgo =
        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS);
    String signInId = "signin-" + suffix;
    CloudEventRecords.produce(audit(signInId, member, signIn(member, hourAgo, "success")));
    CloudEventRecords.produce(
        audit("failed-" + suffix, member, signIn(member, hourAgo.plusMinutes(30), "failure")));
    CloudEventRecords.produce(audit("use-" + suffix, member, keyUse(key, hourAgo)));

    // Then the current snapshot shows both
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(lastSignIn(sourceId, member)).isEqualTo(hourAgo.toInstant());
              assertThat(lastUse(sourceId, key)).isEqualTo(hourAgo.toInstant());
            });

    // When the sign-in is delivered again (same event id), it is not applied twice: a later
    // event on the same partition proves the redelivery was passed over.
    CloudEventRecords.produce(
        audit(signInId, member, signIn(member, hourAgo.plusMinutes(50), "success")));
    OffsetDateTime marker = hourAgo.plusMinutes(10);
    CloudEventRecords.produce(audit("marker-" + suffix, member, keyUse(key, marker)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(lastUse(sourceId, key)).isEqualTo(marker.toInstant()));
    assertThat(lastSignIn(sourceId, member))
        .as("a redelivered event id changes nothing")
        .isEqualTo(hourAgo.toInstant());

    // And a later push carrying the old times does not move activity back
    post(service(), snapshots, snapshot(member, key)).statusCode(201);
    assertThat(lastSignIn(sourceId, member)).isEqualTo(hourAgo.toInstant());
    assertThat(lastUse(sourceId, key)).isEqualTo(marker.toInstant());
  }
}
