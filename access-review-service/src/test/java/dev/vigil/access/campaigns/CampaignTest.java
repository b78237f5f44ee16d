package dev.vigil.access.campaigns;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.consume;
import static dev.vigil.access.AccessTestSupport.get;
import static dev.vigil.access.AccessTestSupport.oid;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.recordSaying;
import static dev.vigil.access.AccessTestSupport.reviewer;
import static dev.vigil.access.AccessTestSupport.service;
import static dev.vigil.access.AccessTestSupport.source;
import static dev.vigil.access.sources.graph.GraphStub.assignment;
import static dev.vigil.access.sources.graph.GraphStub.collection;
import static dev.vigil.access.sources.graph.GraphStub.server;
import static dev.vigil.access.sources.graph.GraphStub.user;
import static dev.vigil.access.sources.graph.GraphStub.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.vigil.access.sources.graph.GraphStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class CampaignTest {

  @Inject Campaigns campaigns;

  private static String ago(int days) {
    return OffsetDateTime.now(ZoneOffset.UTC).minusDays(days).toString();
  }

  private static String member(String id, String role, int lastActiveDaysAgo, String status) {
    return "{\"id\":\"%s\",\"status\":\"%s\",\"createdAt\":\"%s\",\"lastActiveAt\":\"%s\",\"roles\":[\"%s\"],\"mfaRegistered\":true,\"mfaEnforced\":true}"
        .formatted(id, status, ago(400), ago(lastActiveDaysAgo), role);
  }

  private static String definition(String scope, String fallback, int days, String... reviewers) {
    String list = String.join("\",\"", reviewers);
    return post(
            admin(),
            "/api/v1/access-reviews/campaign-definitions",
            "{\"name\":\"%s\",\"scope\":\"%s\",\"durationDays\":%d,\"reviewers\":[\"%s\"],\"defaultDecision\":\"%s\",\"applyRevocations\":true}"
                .formatted("review-" + UUID.randomUUID(), scope, days, list, fallback))
        .statusCode(201)
        .extract()
        .path("id")
        .toString();
  }

  private static JsonPath start(String definition) {
    return post(
            admin(),
            "/api/v1/access-reviews/campaign-definitions/" + definition + "/campaigns",
            "{}")
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static long item(JsonPath campaign, String source, String subject) {
    return campaign.getLong(
        "items.find { it.source == '" + source + "' && it.subjectId == '" + subject + "' }.id");
  }

  private static String decisions(String json) {
    return "{\"decisions\":[" + json + "]}";
  }

  @Test
  void shouldRunAPlatformMembersCampaignFromRecommendationsToVerifiedRevocations() {
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    String name = "platform-" + UUID.randomUUID().toString().substring(0, 8);
    long id =
        post(
                admin(),
                "/api/v1/access-reviews/sources",
                "{\"name\":\""
                    + name
                    + "\",\"kind\":\"PLATFORM\",\"scimBaseUrl\":\"http://localhost:"
                    + server().port()
                    + "/scim/v2\"}")
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    for (String user : List.of("bob", "carl")) {
      server()
          .stubFor(
              WireMock.patch(urlPathEqualTo("/scim/v2/Users/" + user))
                  .withHeader("Authorization", WireMock.equalTo("Bearer scim-token"))
                  .willReturn(WireMock.noContent()));
    }
    String snapshots = "/api/v1/access-reviews/sources/" + id + "/snapshots";
    post(
            service(),
            snapshots,
            "{\"members\":["
                + String.join(
                    ",",
                    member("ada", "admin", 1, "ACTIVE"),
                    member("bob", "member", 200, "ACTIVE"),
                    member("carl", "member", 2, "ACTIVE"),
                    member("rita", "member", 3, "ACTIVE"))
                + "]}")
        .statusCode(201);
    String rita = reviewer("rita");
    JsonPath campaign = start(definition("MEMBERS", "APPLY_RECOMMENDATIONS", 14, oid("rita")));
    String campaignId = campaign.getString("id");
    String path = "/api/v1/access-reviews/campaigns/" + campaignId;
    assertThat(
            campaign.getString(
                "items.find { it.subjectId == 'bob' && it.source == '"
                    + name
                    + "' }.recommendation"))
        .isEqualTo("REVOKE");
    assertThat(
            campaign.getList(
                "items.find { it.subjectId == 'bob' && it.source == '" + name + "' }.reasons"))
        .containsExactly("inactive for more than 90 days");
    long ada = item(campaign, name, "ada");
    long bob = item(campaign, name, "bob");
    long carl = item(campaign, name, "carl");
    long self = item(campaign, name, "rita");
    recordSaying(access, campaignId, "\"definition\"");

    post(rita, path + "/decisions", decisions("{\"itemId\":" + self + ",\"decision\":\"APPROVE\"}"))
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("own access"));
    post(
            reviewer("victor"),
            path + "/decisions",
            decisions("{\"itemId\":" + ada + ",\"decision\":\"APPROVE\"}"))
        .statusCode(403);
    post(
            rita,
            path + "/decisions",
            decisions(
                "{\"itemId\":"
                    + ada
                    + ",\"decision\":\"APPROVE\"},{\"itemId\":"
                    + carl
                    + ",\"decision\":\"REVOKE\"}"))
        .statusCode(400)
        .body("detail", containsString("decisions[1].justification"));
    get(admin(), path).extract().path("items.find { it.id == " + ada + " }.decision");
    assertThat(
            (Object)
                get(admin(), path).extract().path("items.find { it.id == " + ada + " }.decision"))
        .as("a rejected bulk request records nothing")
        .isNull();
    post(
            rita,
            path + "/decisions",
            decisions(
                "{\"itemId\":"
                    + ada
                    + ",\"decision\":\"APPROVE\"},"
                    + "{\"itemId\":"
                    + carl
                    + ",\"decision\":\"REVOKE\",\"justification\":\"left the team\"}"))
        .statusCode(200);
    recordSaying(access, campaignId, "\"decidedBy\": \"" + oid("rita") + "\"", "left the team");

    JsonPath closed = post(admin(), path + "/close", "{}").statusCode(200).extract().jsonPath();
    assertThat(closed.getString("state")).isEqualTo("CLOSED");
    assertThat(closed.getString("items.find { it.id == " + bob + " }.decision"))
        .isEqualTo("REVOKE");
    assertThat(closed.getString("items.find { it.id == " + bob + " }.decidedBy"))
        .isEqualTo("default:apply_recommendations");
    assertThat(closed.getString("items.find { it.id == " + self + " }.decision"))
        .isEqualTo("APPROVE");
    // Requested by event, then disabled through the platform's SCIM API.
    assertThat(closed.getString("items.find { it.id == " + bob + " }.revocation"))
        .isEqualTo("APPLIED");
    assertThat(closed.getString("items.find { it.id == " + carl + " }.revocation"))
        .isEqualTo("APPLIED");
    server()
        .verify(
            WireMock.patchRequestedFor(urlPathEqualTo("/scim/v2/Users/bob"))
                .withRequestBody(
                    equalToJson(
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                            + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")));
    recordSaying(access, "\"subject\": \"bob\"", "\"DISABLE\"", "campaign:" + campaignId);
    recordSaying(access, campaignId, "\"revoked\"");
    post(
            rita,
            path + "/decisions",
            decisions("{\"itemId\":" + ada + ",\"decision\":\"REVOKE\",\"justification\":\"x\"}"))
        .statusCode(409)
        .contentType("application/problem+json");

    // The platform disabled bob and removed carl: the next snapshot verifies both.
    post(
            service(),
            snapshots,
            "{\"members\":["
                + String.join(
                    ",",
                    member("ada", "admin", 1, "ACTIVE"),
                    member("bob", "member", 200, "DISABLED"),
                    member("rita", "member", 3, "ACTIVE"))
                + "]}")
        .statusCode(201);
    JsonPath verified = get(admin(), path).statusCode(200).extract().jsonPath();
    assertThat(verified.getString("items.find { it.id == " + bob + " }.revocation"))
        .isEqualTo("VERIFIED");
    assertThat(verified.getString("items.find { it.id == " + carl + " }.revocation"))
        .isEqualTo("VERIFIED");
  }

  @Test
  void shouldRevokeInEntraIdThroughGraphAndVerifyOnTheNextSync() {
    GraphStub.reset();
    collection(
        "/servicePrincipals/" + GraphStub.SP + "/appRoleAssignedTo",
        List.of(
            "["
                + assignment("dora", "User", "role-admin")
                + ","
                + assignment("eric", "User", "role-member")
                + "]"));
    users(
        List.of(
            "["
                + user("dora", true, "Member", "2025-01-01T00:00:00Z", "2026-11-30T00:00:00Z")
                + ","
                + user("eric", true, "Member", "2025-01-01T00:00:00Z", "2026-11-30T00:00:00Z")
                + "]"),
        true);
    server()
        .stubFor(
            GraphStub.graph("/users/eric/appRoleAssignments")
                .willReturn(
                    okJson(
                        "{\"value\":[{\"id\":\"asg-eric\",\"principalId\":\"eric\",\"principalType\":\"User\",\"appRoleId\":\"role-member\"}]}")));
    server()
        .stubFor(
            WireMock.delete(
                    urlPathEqualTo(
                        "/v1.0/servicePrincipals/" + GraphStub.SP + "/appRoleAssignedTo/asg-eric"))
                .willReturn(WireMock.noContent()));
    server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/v1.0/users/eric/revokeSignInSessions"))
                .willReturn(okJson("{\"value\":true}")));
    long id = source("entra", "ENTRA");
    String name =
        get(admin(), "/api/v1/access-reviews/sources")
            .extract()
            .path("find { it.id == " + id + " }.name");
    post(admin(), "/api/v1/access-reviews/sources/" + id + "/sync", "{}").statusCode(200);

    JsonPath campaign = start(definition("MEMBERS", "NONE", 14, oid("rita")));
    String path = "/api/v1/access-reviews/campaigns/" + campaign.getString("id");
    long eric = item(campaign, name, "eric");
    post(
            reviewer("rita"),
            path + "/decisions",
            decisions(
                "{\"itemId\":"
                    + eric
                    + ",\"decision\":\"REVOKE\",\"justification\":\"moved to sales\"}"))
        .statusCode(200);
    JsonPath closed = post(admin(), path + "/close", "{}").statusCode(200).extract().jsonPath();
    assertThat(closed.getString("items.find { it.id == " + eric + " }.revocation"))
        .isEqualTo("APPLIED");
    assertThat(
            (Object)
                closed.get(
                    "items.find { it.source == '"
                        + name
                        + "' && it.subjectId == 'dora' }.decision"))
        .as("default decision NONE leaves dora undecided")
        .isNull();
    server()
        .verify(
            deleteRequestedFor(
                urlPathEqualTo(
                    "/v1.0/servicePrincipals/" + GraphStub.SP + "/appRoleAssignedTo/asg-eric")));
    server().verify(postRequestedFor(urlPathEqualTo("/v1.0/users/eric/revokeSignInSessions")));
    server()
        .verify(
            0,
            patchRequestedFor(urlPathEqualTo("/v1.0/users/eric"))
                .withRequestBody(equalToJson("{\"accountEnabled\":false}")));

    // eric no longer holds an assignment: the next sync no longer lists him, which verifies it.
    collection(
        "/servicePrincipals/" + GraphStub.SP + "/appRoleAssignedTo",
        List.of("[" + assignment("dora", "User", "role-admin") + "]"));
    post(admin(), "/api/v1/access-reviews/sources/" + id + "/sync", "{}").statusCode(200);
    assertThat(
            get(admin(), path)
                .extract()
                .jsonPath()
                .getString("items.find { it.id == " + eric + " }.revocation"))
        .isEqualTo("VERIFIED");
  }

  @Test
  void shouldApplyTheDefaultDecisionAtExpiry() throws Throwable {
    long id = source("platform", "PLATFORM");
    String name =
        get(admin(), "/api/v1/access-reviews/sources")
            .extract()
            .path("find { it.id == " + id + " }.name");
    post(
            service(),
            "/api/v1/access-reviews/sources/" + id + "/snapshots",
            "{\"members\":[" + member("fay", "member", 1, "ACTIVE") + "]}")
        .statusCode(201);
    JsonPath campaign = start(definition("MEMBERS", "APPROVE", 1, oid("rita")));
    String path = "/api/v1/access-reviews/campaigns/" + campaign.getString("id");
    long fay = item(campaign, name, "fay");
    Integer closed =
        VertxContextSupport.subscribeAndAwait(
            () -> campaigns.closeExpired(Instant.now().plus(Duration.ofDays(2))));
    assertThat(closed).isPositive();
    JsonPath after = get(admin(), path).extract().jsonPath();
    assertThat(after.getString("state")).isEqualTo("CLOSED");
    assertThat(after.getString("closedBy")).isEqualTo("expiry");
    assertThat(after.getString("items.find { it.id == " + fay + " }.decision"))
        .isEqualTo("APPROVE");
    assertThat(after.getString("items.find { it.id == " + fay + " }.decidedBy"))
        .isEqualTo("default:approve");
  }
}
