package dev.vigil.access.campaigns;

import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.consume;
import static dev.vigil.access.AccessTestSupport.get;
import static dev.vigil.access.AccessTestSupport.oid;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.recordSaying;
import static dev.vigil.access.AccessTestSupport.reviewer;
import static dev.vigil.access.AccessTestSupport.service;
import static dev.vigil.access.AccessTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.vigil.access.sources.graph.GraphStub;
import dev.vigil.common.events.access.ReviewReminder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class ScheduleAndReminderTest {

  @Inject CampaignSchedule schedule;
  @Inject Reminders reminders;

  private static JsonPath define(String json) {
    return post(admin(), "/api/v1/access-reviews/campaign-definitions", json)
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static String name() {
    return "scheduled-" + UUID.randomUUID();
  }

  @Test
  void shouldStartAQuarterlyCampaignWhenItsNextStartComesAndOnlyOncePerPeriod() throws Throwable {
    long id = source("platform", "PLATFORM");
    post(
            service(),
            "/api/v1/access-reviews/sources/" + id + "/snapshots",
            "{\"members\":[{\"id\":\"quinn\",\"status\":\"ACTIVE\",\"roles\":[\"member\"]}]}")
        .statusCode(201);
    OffsetDateTime first =
        OffsetDateTime.now().plusHours(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    JsonPath quarterly =
        define(
            "{\"name\":\"%s\",\"scope\":\"MEMBERS\",\"reviewers\":[\"%s\"],\"firstStartAt\":\"%s\"}"
                .formatted(name(), oid("rita"), first));
    JsonPath manual =
        define(
            "{\"name\":\"%s\",\"scope\":\"MEMBERS\",\"reviewers\":[\"%s\"],\"schedule\":\"NONE\"}"
                .formatted(name(), oid("rita")));
    assertThat(quarterly.getString("schedule")).as("quarterly by default").isEqualTo("QUARTERLY");
    assertThat(manual.getString("nextStartAt")).isNull();
    long quarterlyId = quarterly.getLong("id");

    Instant before = first.minusMinutes(1).toInstant();
    assertThat(started(before, quarterlyId)).as("not due yet").isEmpty();
    Instant due = first.plusMinutes(1).toInstant();
    List<Campaign> startedNow = started(due, quarterlyId);
    assertThat(startedNow).hasSize(1);
    assertThat(startedNow.get(0).startedBy).isEqualTo("access-review-service");
    assertThat(started(due, quarterlyId)).as("once per period").isEmpty();
    String next =
        get(admin(), "/api/v1/access-reviews/campaign-definitions")
            .extract()
            .path("find { it.id == " + quarterlyId + " }.nextStartAt");
    assertThat(OffsetDateTime.parse(next).toInstant()).isEqualTo(first.plusMonths(3).toInstant());
    assertThat(started(first.plusYears(2).toInstant(), manual.getLong("id")))
        .as("schedule NONE never starts by itself")
        .isEmpty();
  }

  private List<Campaign> started(Instant at, long definitionId) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(() -> schedule.startDue(at)).stream()
        .filter(c -> c.definitionId == definitionId)
        .toList();
  }

  @Test
  void shouldLetManagersDecideForTheirPeopleFallbackReviewersForTheRestAndRemindEachOnce()
      throws Throwable {
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    long id = source("platform", "PLATFORM");
    post(
            service(),
            "/api/v1/access-reviews/sources/" + id + "/snapshots",
            "{\"members\":["
                + "{\"id\":\"ann\",\"status\":\"ACTIVE\",\"roles\":[\"member\"],\"managerId\":\"mona\"},"
                + "{\"id\":\"sam\",\"status\":\"ACTIVE\",\"roles\":[\"member\"]},"
                + "{\"id\":\"mona\",\"status\":\"ACTIVE\",\"roles\":[\"admin\"],\"managerId\":\"mona\"}]}")
        .statusCode(201);
    String definition =
        define(
                ("{\"name\":\"%s\",\"scope\":\"MEMBERS\",\"reviewers\":[\"%s\"],"
                        + "\"reviewerMode\":\"MANAGERS\",\"schedule\":\"NONE\",\"durationDays\":2}")
                    .formatted(name(), oid("fred")))
            .getString("id");
    JsonPath campaign =
        post(
                admin(),
                "/api/v1/access-reviews/campaign-definitions/" + definition + "/campaigns",
                "{}")
            .statusCode(201)
            .extract()
            .jsonPath();
    String campaignId = campaign.getString("id");
    String source = campaign.getString("items.find { it.subjectId == 'ann' }.source");
    String find = "items.find { it.source == '" + source + "' && it.subjectId == '%s' }.";
    assertThat(campaign.getString(find.formatted("ann") + "reviewer")).isEqualTo("mona");
    assertThat(campaign.getString(find.formatted("sam") + "reviewer")).isNull();
    assertThat(campaign.getString(find.formatted("mona") + "reviewer"))
        .as("nobody manages their own review")
        .isNull();
    long ann = campaign.getLong(find.formatted("ann") + "id");
    long sam = campaign.getLong(find.formatted("sam") + "id");
    String decisions = "/api/v1/access-reviews/campaigns/" + campaignId + "/decisions";

    post(reviewer("fred"), decisions, decision(ann))
        .statusCode(403)
        .body("detail", containsString("its manager"));
    post(reviewer("mona"), decisions, decision(sam)).statusCode(403);
    post(reviewer("mona"), decisions, decision(ann)).statusCode(200);
    post(reviewer("fred"), decisions, decision(sam)).statusCode(200);

    // A campaign reviews every source: each still undecided item is counted for its manager, or
    // for fred when it has none (mona's own item among them); mona has decided all of hers.
    Map<String, Integer> expected = new TreeMap<>();
    List<Map<String, Object>> items = campaign.getList("items");
    for (Map<String, Object> item : items) {
      long itemId = ((Number) item.get("id")).longValue();
      if (itemId != ann && itemId != sam) {
        Object manager = item.get("reviewer");
        expected.merge(manager == null ? oid("fred") : manager.toString(), 1, Integer::sum);
      }
    }
    List<ReviewReminder> sent =
        VertxContextSupport.subscribeAndAwait(
            () -> reminders.send(Instant.now().plus(Duration.ofDays(1))));
    Map<String, Integer> reminded = new TreeMap<>();
    sent.stream()
        .filter(r -> r.campaignId().equals(campaignId))
        .forEach(r -> reminded.put(r.reviewer(), r.undecidedItems()));
    assertThat(reminded).isEqualTo(expected).containsKey(oid("fred")).doesNotContainKey("mona");
    recordSaying(access, campaignId, "\"reviewer\": \"" + oid("fred") + "\"", "undecidedItems");
    List<ReviewReminder> again =
        VertxContextSupport.subscribeAndAwait(
            () -> reminders.send(Instant.now().plus(Duration.ofDays(1))));
    assertThat(again.stream().filter(r -> r.campaignId().equals(campaignId)))
        .as("reminded once")
        .isEmpty();
  }

  private static String decision(long item) {
    return "{\"decisions\":[{\"itemId\":" + item + ",\"decision\":\"APPROVE\"}]}";
  }
}
