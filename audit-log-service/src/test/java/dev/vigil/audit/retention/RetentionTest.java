package dev.vigil.audit.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.audit.SchemaOwner;
import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionTest {

  @Inject Retention retention;
  @Inject Pool pool;

  @Test
  void shouldNeverPruneEntriesYoungerThanTheMinimumAgeTheOwnerSet() throws Throwable {
    String key = "floor-" + UUID.randomUUID();
    String first = send(key, "org-b"), second = send(key, "org-b");
    await().atMost(Duration.ofSeconds(30)).until(() -> present(List.of(first, second)) == 2);

    SchemaOwner.execute("UPDATE audit_prune_policy SET min_age = interval '1 day'");
    try {
      assertThatThrownBy(
              () ->
                  VertxContextSupport.subscribeAndAwait(
                      () -> retention.prune(OffsetDateTime.now(ZoneOffset.UTC))))
          .hasMessageContaining("minimum age");
      assertThat(present(List.of(first, second))).isEqualTo(2);
    } finally {
      SchemaOwner.execute("UPDATE audit_prune_policy SET min_age = interval '0 seconds'");
    }
  }

  @Test
  void shouldPruneExpiredEntriesKeepHeldOnesAndLeaveAVerifiableChain() throws Throwable {
    String key = "retention-" + UUID.randomUUID(); // one key: one partition, one chain
    String held = "org-held-" + UUID.randomUUID();
    String b1 = send(key, "org-b"),
        b2 = send(key, "org-b"),
        a1 = send(key, held),
        b3 = send(key, "org-b"),
        newest = send(key, "org-b"); // retention always keeps a chain's newest entry
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> present(List.of(b1, b2, a1, b3, newest)) == 5);

    long holdId =
        given()
            .auth()
            .oauth2(admin())
            .contentType(ContentType.JSON)
            .body("{\"organization\":\"" + held + "\",\"reason\":\"Litigation 2026-17\"}")
            .when()
            .post("/api/v1/audit/legal-holds")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    List<Retention.Pruned> pruned =
        VertxContextSupport.subscribeAndAwait(
            () -> retention.prune(OffsetDateTime.now(ZoneOffset.UTC)));
    assertThat(pruned).isNotEmpty();
    assertThat(present(List.of(b1, b2))).isZero();
    assertThat(present(List.of(a1, b3))).isEqualTo(2); // the held entry stops its chain's pruning
    verifyOk();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(auditor())
                    .queryParam("action", "audit.log.pruned")
                    .get("/api/v1/audit/events")
                    .then()
                    .statusCode(200)
                    .body("entries[0].actor.id", equalTo("audit-log-service")));

    given()
        .auth()
        .oauth2(adminWithStepUp())
        .when()
        .post("/api/v1/audit/legal-holds/" + holdId + "/release")
        .then()
        .statusCode(200)
        .body("releasedBy", equalTo(oid("ada")));
    VertxContextSupport.subscribeAndAwait(
        () -> retention.prune(OffsetDateTime.now(ZoneOffset.UTC)));
    assertThat(present(List.of(a1, b3))).isZero();
    verifyOk();
  }

  @Test
  void shouldReleaseAHoldOnlyWithStepUpAndRecordTheReleaseAsItsOwnEvent() {
    long holdId =
        given()
            .auth()
            .oauth2(admin())
            .contentType(ContentType.JSON)
            .body("{\"organization\":\"org-release\",\"reason\":\"litigation 42\"}")
            .when()
            .post("/api/v1/audit/legal-holds")
            .then()
            .statusCode(201)
            .body("createdBy", equalTo(oid("ada")))
            .extract()
            .jsonPath()
            .getLong("id");

    given()
        .auth()
        .oauth2(admin())
        .when()
        .post("/api/v1/audit/legal-holds/" + holdId + "/release")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("insufficient_claims"));
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/audit/legal-holds")
        .then()
        .statusCode(200)
        .body("find { it.id == " + holdId + " }.releasedAt", org.hamcrest.Matchers.nullValue());

    given()
        .auth()
        .oauth2(adminWithStepUp())
        .when()
        .post("/api/v1/audit/legal-holds/" + holdId + "/release")
        .then()
        .statusCode(200)
        .body("releasedBy", equalTo(oid("ada")));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(auditor())
                    .queryParam("action", "audit.legal-hold.released")
                    .queryParam("target", Long.toString(holdId))
                    .get("/api/v1/audit/events")
                    .then()
                    .statusCode(200)
                    .body("entries", org.hamcrest.Matchers.hasSize(1))
                    .body("entries[0].actor.id", equalTo(oid("ada")))
                    .body("entries[0].target.type", equalTo("legal-hold"))
                    .body(
                        "entries[0].organization", equalTo(EntraIdTestResource.issuer().tenantId()))
                    .body("entries[0].details.reason", equalTo("litigation 42")));
  }

  @Test
  void shouldListHoldsAPageAtATime() {
    for (int i = 0; i < 2; i++) {
      given()
          .auth()
          .oauth2(admin())
          .contentType(ContentType.JSON)
          .body("{\"organization\":\"org-page\",\"reason\":\"page " + i + "\"}")
          .when()
          .post("/api/v1/audit/legal-holds")
          .then()
          .statusCode(201);
    }
    List<Long> first =
        given()
            .auth()
            .oauth2(auditor())
            .queryParam("limit", 1)
            .get("/api/v1/audit/legal-holds")
            .then()
            .statusCode(200)
            .body("$", org.hamcrest.Matchers.hasSize(1))
            .extract()
            .jsonPath()
            .getList("id", Long.class);
    List<Long> second =
        given()
            .auth()
            .oauth2(auditor())
            .queryParam("limit", 1)
            .queryParam("offset", 1)
            .get("/api/v1/audit/legal-holds")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("id", Long.class);
    assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
    for (String limit : List.of("0", "501")) {
      given()
          .auth()
          .oauth2(auditor())
          .queryParam("limit", limit)
          .get("/api/v1/audit/legal-holds")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  @Test
  void shouldRefuseAHoldWithoutScopeOrReason() {
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"x\"}")
        .when()
        .post("/api/v1/audit/legal-holds")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"organization\":\"o\"}")
        .when()
        .post("/api/v1/audit/legal-holds")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(auditor())
        .contentType(ContentType.JSON)
        .body("{\"organization\":\"o\",\"reason\":\"x\"}")
        .when()
        .post("/api/v1/audit/legal-holds")
        .then()
        .statusCode(403);
  }

  private static void verifyOk() {
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .body("ok", equalTo(true));
  }

  private long present(List<String> ids) {
    try {
      return VertxContextSupport.subscribeAndAwait(
              () ->
                  pool.preparedQuery("SELECT count(*) FROM audit_entry WHERE event_id = ANY($1)")
                      .execute(Tuple.of(ids.toArray(new String[0]))))
          .iterator()
          .next()
          .getLong(0);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static String send(String key, String organization) {
    String id = UUID.randomUUID().toString();
    String at =
        OffsetDateTime.now(ZoneOffset.UTC)
            .minusDays(500)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    CloudEventRecords.produce(
        CloudEventRecords.cloudEvent("vigil.audit", key, "dev.vigil.audit.event-recorded.v1")
            .id(id)
            .body(
                "{\"occurredAt\":\""
                    + at
                    + "\",\"actor\":{\"id\":\""
                    + key
                    + "\",\"type\":\"user\"},\"action\":\"member.viewed\","
                    + "\"outcome\":\"success\",\"organization\":\""
                    + organization
                    + "\"}"));
    return id;
  }

  private static String admin() {
    return EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign();
  }

  private static String adminWithStepUp() {
    return EntraIdTestResource.tokens()
        .user("ada", "Vigil.Admin")
        .claim("acrs", List.of("c1"))
        .sign();
  }

  static String oid(String user) {
    return UUID.nameUUIDFromBytes(user.getBytes()).toString();
  }

  private static String auditor() {
    return EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
  }
}
