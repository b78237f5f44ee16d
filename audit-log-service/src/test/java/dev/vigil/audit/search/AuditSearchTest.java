package dev.vigil.audit.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditSearchTest {

  private final OffsetDateTime base = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);
  private String org;

  @BeforeEach
  void storeTenEntriesOfOneOrganization() {
    org = "org-" + UUID.randomUUID();
    for (int i = 0; i < 10; i++) {
      String body =
          """
          {"occurredAt":"%s","actor":{"id":"actor-%d","type":"user"},"action":"%s","outcome":"%s",
           "target":{"type":"member","id":"member-%d"},"sourceAddress":"%s","organization":"%s",
           "correlationId":"corr-%s-%d","details":{"note":"%s"}}"""
              .formatted(
                  iso(base.plusMinutes(i)),
                  i % 3,
                  i % 2 == 0 ? "member.role.changed" : "auth.signin.failed",
                  i % 2 == 0 ? "success" : "failure",
                  i,
                  i < 5 ? "203.0.113." + i : "2001:db8::" + i,
                  org,
                  org,
                  i,
                  i == 7 ? "Granted OWNER by mistake" : "routine");
      CloudEventRecords.produce(
          CloudEventRecords.cloudEvent(
                  "vigil.audit", "actor-" + i, "dev.vigil.audit.event-recorded.v1")
              .body(body));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                search()
                    .queryParam("organization", org)
                    .get("/api/v1/audit/events")
                    .then()
                    .statusCode(200)
                    .body("entries", hasSize(10)));
  }

  @Test
  void shouldFilterByEveryField() {
    expect(search().queryParam("action", "member.role"), 5);
    expect(search().queryParam("outcome", "failure"), 5);
    expect(search().queryParam("actor", "actor-1"), 3);
    expect(search().queryParam("target", "member-4"), 1);
    expect(search().queryParam("source", "203.0.113.0/24"), 5);
    expect(search().queryParam("source", "2001:db8::/32"), 5);
    expect(search().queryParam("source", "203.0.113.3"), 1);
    expect(search().queryParam("correlationId", "corr-" + org + "-6"), 1);
    expect(search().queryParam("text", "owner BY mistake"), 1);
    expect(
        search()
            .queryParam("from", iso(base.plusMinutes(3)))
            .queryParam("to", iso(base.plusMinutes(6))),
        3);
  }

  @Test
  void shouldPageNewestOrOldestFirstWithAStableCursor() {
    List<String> newest = pageThrough("newest");
    assertThat(newest).hasSize(10);
    List<String> oldest = pageThrough("oldest");
    assertThat(oldest).hasSize(10);
    List<String> reversed = new ArrayList<>(oldest);
    java.util.Collections.reverse(reversed);
    assertThat(newest).isEqualTo(reversed);
    search()
        .queryParam("organization", org)
        .queryParam("order", "oldest")
        .queryParam("limit", 1)
        .get("/api/v1/audit/events")
        .then()
        .body("entries[0].occurredAt", equalTo("2026-03-01T12:00:00Z"));
  }

  @Test
  void shouldRejectBadFiltersWithProblemDetails() {
    search()
        .queryParam("source", "not an address")
        .get("/api/v1/audit/events")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    search().queryParam("cursor", "garbage!").get("/api/v1/audit/events").then().statusCode(400);
    search().queryParam("order", "sideways").get("/api/v1/audit/events").then().statusCode(400);
    search().queryParam("outcome", "maybe").get("/api/v1/audit/events").then().statusCode(400);
  }

  @Test
  void shouldRecordEverySearchInTheLogItself() {
    String marker = "corr-" + UUID.randomUUID();
    search().queryParam("correlationId", marker).get("/api/v1/audit/events").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                search()
                    .queryParam("action", "audit.log.searched")
                    .queryParam("text", marker)
                    .get("/api/v1/audit/events")
                    .then()
                    // the polling searches are recorded too (their text filter holds the marker)
                    .body("entries.details.correlationId", hasItem(marker))
                    .body("entries[0].actor.displayName", equalTo("searcher")));
  }

  private List<String> pageThrough(String order) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      RequestSpecification request =
          search()
              .queryParam("organization", org)
              .queryParam("order", order)
              .queryParam("limit", 3);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      var page = request.get("/api/v1/audit/events").then().statusCode(200).extract().jsonPath();
      ids.addAll(page.getList("entries.id", String.class));
      cursor = page.getString("nextCursor");
      // An insert between pages must not shift them.
      CloudEventRecords.produce(
          CloudEventRecords.cloudEvent("vigil.audit", "late", "dev.vigil.audit.event-recorded.v1")
              .body(
                  "{\"occurredAt\":\""
                      + base.plusMinutes(5).plusSeconds(30)
                      + "\",\"actor\":{\"id\":\"late\",\"type\":\"user\"},"
                      + "\"action\":\"member.viewed\",\"outcome\":\"success\",\"organization\":\"other-"
                      + org
                      + "\"}"));
    } while (cursor != null);
    return ids;
  }

  private void expect(RequestSpecification request, int count) {
    request
        .queryParam("organization", org)
        .get("/api/v1/audit/events")
        .then()
        .statusCode(200)
        .body("entries", hasSize(count));
  }

  /** RFC 3339 always writes seconds, which OffsetDateTime.toString() leaves out when zero. */
  private static String iso(OffsetDateTime time) {
    return time.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static RequestSpecification search() {
    return given()
        .auth()
        .oauth2(EntraIdTestResource.tokens().user("searcher", "Vigil.Auditor").sign());
  }
}
