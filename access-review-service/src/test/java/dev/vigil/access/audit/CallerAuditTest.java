package dev.vigil.access.audit;

import static dev.vigil.access.AccessTestSupport.consume;
import static dev.vigil.access.AccessTestSupport.get;
import static dev.vigil.access.AccessTestSupport.oid;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.recordSaying;
import static dev.vigil.access.AccessTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.sources.graph.GraphStub;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every campaign, containment and source action names its caller by Entra oid, client application
 * (azp) and tenant (tid), on {@code vigil.audit} and in the {@code vigil.access} events.
 */
@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class CallerAuditTest {

  private static final String CONSOLE = "vigil-console";
  private static final String TENANT = EntraIdTestResource.TENANT_ID;

  private static String consoleUser(String name, String role) {
    return EntraIdTestResource.tokens()
        .user(name, role)
        .claim("azp", CONSOLE)
        .claim("acrs", List.of("c1"))
        .sign();
  }

  private static String[] caller(String name) {
    return new String[] {
      "\"oid\": \"" + oid(name) + "\"",
      "\"azp\": \"" + CONSOLE + "\"",
      "\"tid\": \"" + TENANT + "\""
    };
  }

  private static String[] with(String[] texts, String... more) {
    String[] all = new String[texts.length + more.length];
    System.arraycopy(texts, 0, all, 0, texts.length);
    System.arraycopy(more, 0, all, texts.length, more.length);
    return all;
  }

  @Test
  void shouldNameTheCallersOidAzpAndTidForEveryCampaignAndSourceAction() {
    ConsumerTask<String, byte[]> audit = consume("vigil.audit");
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    String admin = consoleUser("ada", "Vigil.Admin");
    String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);

    // Given a source registered, fed and reviewed through the console
    long sourceId =
        post(
                admin,
                "/api/v1/access-reviews/sources",
                "{\"name\":\"" + name + "\",\"kind\":\"PLATFORM\"}")
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    recordSaying(audit, with(caller("ada"), "\"access.source.created\"", name));
    post(
            service(),
            "/api/v1/access-reviews/sources/" + sourceId + "/snapshots",
            "{\"members\":[{\"id\":\"zed\",\"status\":\"ACTIVE\",\"roles\":[\"member\"]}]}")
        .statusCode(201);
    recordSaying(audit, "\"access.snapshot.pushed\"", name, "\"azp\": \"platform\"");
    String definition =
        post(
                admin,
                "/api/v1/access-reviews/campaign-definitions",
                "{\"name\":\"audited-%s\",\"scope\":\"MEMBERS\",\"reviewers\":[\"%s\"]}"
                    .formatted(UUID.randomUUID(), oid("rita")))
            .statusCode(201)
            .extract()
            .path("id")
            .toString();
    JsonPath campaign =
        post(
                admin,
                "/api/v1/access-reviews/campaign-definitions/" + definition + "/campaigns",
                "{}")
            .statusCode(201)
            .extract()
            .jsonPath();
    String campaignId = campaign.getString("id");
    long zed =
        campaign.getLong("items.find { it.source == '" + name + "' && it.subjectId == 'zed' }.id");

    // When a reviewer decides and the admin closes
    post(
            consoleUser("rita", "Vigil.Reviewer"),
            "/api/v1/access-reviews/campaigns/" + campaignId + "/decisions",
            "{\"decisions\":[{\"itemId\":"
                + zed
                + ",\"decision\":\"REVOKE\",\"justification\":\"left\"}]}")
        .statusCode(200);
    post(admin, "/api/v1/access-reviews/campaigns/" + campaignId + "/close", "{}").statusCode(200);

    // Then each action is audited with oid, azp and tid, and the events carry them too
    recordSaying(audit, with(caller("ada"), "\"access.campaign-definition.created\""));
    recordSaying(audit, with(caller("ada"), "\"access.campaign.started\"", campaignId));
    recordSaying(audit, with(caller("rita"), "\"access.decision.recorded\"", campaignId, "zed"));
    recordSaying(audit, with(caller("ada"), "\"access.campaign.closed\"", campaignId));
    assertThat(recordSaying(access, campaignId, "\"decidedBy\": \"" + oid("rita") + "\""))
        .contains("\"callerAzp\": \"" + CONSOLE + "\"")
        .contains("\"callerTid\": \"" + TENANT + "\"");
    assertThat(recordSaying(access, campaignId, "\"startedBy\""))
        .contains("\"callerAzp\": \"" + CONSOLE + "\"")
        .contains("\"callerTid\": \"" + TENANT + "\"");
    assertThat(recordSaying(access, campaignId, "\"closedBy\""))
        .contains("\"callerAzp\": \"" + CONSOLE + "\"")
        .contains("\"callerTid\": \"" + TENANT + "\"");

    // And containment and removal of the source as well
    post(
            admin,
            "/api/v1/access-reviews/containment",
            "{\"sourceId\":" + sourceId + ",\"subject\":\"zed\",\"actions\":[\"DISABLE\"]}")
        .statusCode(200);
    recordSaying(audit, with(caller("ada"), "\"access.containment.executed\"", "zed", name));
    given(admin).delete("/api/v1/access-reviews/sources/" + sourceId).then().statusCode(204);
    recordSaying(audit, with(caller("ada"), "\"access.source.deleted\"", name));
    get(admin, "/api/v1/access-reviews/sources").statusCode(200);
  }

  @Test
  void shouldRecordTheCallsCorrelationIdInTheAuditEventsOfItsChanges() {
    ConsumerTask<String, byte[]> audit = consume("vigil.audit");
    String name = "correlated-" + UUID.randomUUID().toString().substring(0, 8);
    String correlation = "ticket-" + UUID.randomUUID();

    given(consoleUser("ada", "Vigil.Admin"))
        .header("X-Correlation-ID", correlation)
        .contentType("application/json")
        .body("{\"name\":\"" + name + "\",\"kind\":\"PLATFORM\"}")
        .post("/api/v1/access-reviews/sources")
        .then()
        .statusCode(201)
        .header("X-Correlation-ID", correlation);

    recordSaying(
        audit, "\"access.source.created\"", name, "\"correlationId\": \"" + correlation + "\"");
    // The outbox keeps it as the event's metadata too: every event of the change carries it.
    assertThat(
            audit.getRecords().stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(name))
                .map(r -> r.headers().lastHeader("ce_correlationid"))
                .map(h -> h == null ? null : new String(h.value(), StandardCharsets.UTF_8))
                .toList())
        .isNotEmpty()
        .containsOnly(correlation);
  }

  private static io.restassured.specification.RequestSpecification given(String token) {
    return io.restassured.RestAssured.given().auth().oauth2(token);
  }
}
