package dev.vigil.access.campaigns;

import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.consume;
import static dev.vigil.access.AccessTestSupport.get;
import static dev.vigil.access.AccessTestSupport.oid;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.recordSaying;
import static dev.vigil.access.AccessTestSupport.service;
import static dev.vigil.access.AccessTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.sources.graph.GraphStub;
import dev.vigil.common.events.access.RevocationApplied;
import dev.vigil.testing.kafka.CloudEventRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The platform answers revocation requests with revocation-applied on vigil.access (in-JVM Kafka):
 * REQUESTED becomes APPLIED once, only for a known request, and never from our own events.
 */
@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class PlatformRevocationsTest {

  private static final String DLQ = "vigil.dlq.access-review-service.platform-revocations";

  private static String member(String id, String role, int lastActiveDaysAgo, String status) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return ("{\"id\":\"%s\",\"status\":\"%s\",\"createdAt\":\"%s\",\"lastActiveAt\":\"%s\","
            + "\"roles\":[\"%s\"],\"mfaRegistered\":true,\"mfaEnforced\":true}")
        .formatted(id, status, now.minusDays(400), now.minusDays(lastActiveDaysAgo), role);
  }

  /** Every record on one key, so they are consumed in the order produced. */
  private static ProducerRecord<String, byte[]> applied(
      String key, String eventId, String requestId, String source, String subject, String by) {
    return CloudEventRecords.cloudEvent("vigil.access", key, RevocationApplied.TYPE)
        .id(eventId)
        .source("/platform")
        .body(
            ("{\"requestId\":\"%s\",\"source\":\"%s\",\"subject\":\"%s\","
                    + "\"actions\":[\"DISABLE\"],\"appliedBy\":\"%s\"}")
                .formatted(requestId, source, subject, by));
  }

  private static String revocation(String campaignPath, long item) {
    return get(admin(), campaignPath)
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("items.find { it.id == " + item + " }.revocation");
  }

  private static String requestId(ConsumerTask<String, byte[]> access, String source, String who) {
    return JsonPath.from(
            recordSaying(
                access,
                "\"source\": \"" + source + "\"",
                "\"subject\": \"" + who + "\"",
                "\"requestId\""))
        .getString("requestId");
  }

  @Test
  void shouldMoveRequestedToAppliedOnThePlatformsAnswerOnlyOnce() {
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    ConsumerTask<String, byte[]> dead = consume(DLQ);
    long sourceId = source("platform", "PLATFORM");
    String name =
        get(admin(), "/api/v1/access-reviews/sources")
            .extract()
            .jsonPath()
            .getString("find { it.id == " + sourceId + " }.name");
    String snapshots = "/api/v1/access-reviews/sources/" + sourceId + "/snapshots";
    // bob and carl are inactive: revoked by the default decision at close.
    post(
            service(),
            snapshots,
            "{\"members\":["
                + String.join(
                    ",",
                    member("ada", "admin", 1, "ACTIVE"),
                    member("bob", "member", 200, "ACTIVE"),
                    member("carl", "member", 200, "ACTIVE"))
                + "]}")
        .statusCode(201);
    String definition =
        post(
                admin(),
                "/api/v1/access-reviews/campaign-definitions",
                ("{\"name\":\"review-%s\",\"scope\":\"MEMBERS\",\"durationDays\":14,"
                        + "\"reviewers\":[\"%s\"],\"defaultDecision\":\"APPLY_RECOMMENDATIONS\","
                        + "\"applyRevocations\":true}")
                    .formatted(UUID.randomUUID(), oid("rita")))
            .statusCode(201)
            .extract()
            .path("id")
            .toString();
    JsonPath campaign =
        post(
                admin(),
                "/api/v1/access-reviews/campaign-definitions/" + definition + "/campaigns",
                "{}")
            .statusCode(201)
            .extract()
            .jsonPath();
    String path = "/api/v1/access-reviews/campaigns/" + campaign.getString("id");
    long bob =
        campaign.getLong("items.find { it.source == '" + name + "' && it.subjectId == 'bob' }.id");
    long carl =
        campaign.getLong("items.find { it.source == '" + name + "' && it.subjectId == 'carl' }.id");
    post(admin(), path + "/close", "{}").statusCode(200);
    // No SCIM: the revocations wait for the platform.
    assertThat(revocation(path, bob)).isEqualTo("REQUESTED");
    assertThat(revocation(path, carl)).isEqualTo("REQUESTED");
    String bobRequest = requestId(access, name, "bob");
    String carlRequest = requestId(access, name, "carl");
    String suffix = UUID.randomUUID().toString().substring(0, 8);

    // An answer to an unknown request, and one claiming to be our own, change nothing; the
    // platform's answer for bob, behind them on the same partition, moves bob only.
    String bobAnswer = "applied-bob-" + suffix;
    CloudEventRecords.produce(
        applied(name, "unknown-" + suffix, UUID.randomUUID().toString(), name, "bob", "platform"),
        applied(name, "self-" + suffix, carlRequest, name, "carl", PlatformRevocations.SELF),
        applied(name, bobAnswer, bobRequest, name, "bob", "platform"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(revocation(path, bob)).isEqualTo("APPLIED"));
    assertThat(revocation(path, carl)).isEqualTo("REQUESTED");

    // The next snapshot verifies bob; a redelivered answer and a second answer leave VERIFIED.
    post(
            service(),
            snapshots,
            "{\"members\":["
                + String.join(
                    ",",
                    member("ada", "admin", 1, "ACTIVE"),
                    member("bob", "member", 200, "DISABLED"),
                    member("carl", "member", 200, "ACTIVE"))
                + "]}")
        .statusCode(201);
    assertThat(revocation(path, bob)).isEqualTo("VERIFIED");
    CloudEventRecords.produce(
        applied(name, bobAnswer, bobRequest, name, "bob", "platform"),
        applied(name, "again-" + suffix, bobRequest, name, "bob", "platform"),
        // Malformed (no requestId): dead-lettered with the reason, after the two above.
        CloudEventRecords.cloudEvent("vigil.access", name, RevocationApplied.TYPE)
            .id("bad-" + suffix)
            .source("/platform")
            .body(
                "{\"source\":\""
                    + name
                    + "\",\"subject\":\"carl\",\"actions\":[\"DISABLE\"],"
                    + "\"appliedBy\":\"platform\"}"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> dead.getRecords().stream().anyMatch(r -> name.equals(r.key())));
    ConsumerRecord<String, byte[]> rejected =
        dead.getRecords().stream().filter(r -> name.equals(r.key())).findFirst().orElseThrow();
    assertThat(CloudEventRecords.header(rejected, "dead-letter-reason"))
        .contains(RevocationApplied.TYPE)
        .contains("required");
    assertThat(revocation(path, bob)).isEqualTo("VERIFIED");
    assertThat(revocation(path, carl)).isEqualTo("REQUESTED");
  }
}
