package dev.vigil.access.sources.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.get;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.source;
import static dev.vigil.access.sources.graph.GraphStub.assignment;
import static dev.vigil.access.sources.graph.GraphStub.collection;
import static dev.vigil.access.sources.graph.GraphStub.graph;
import static dev.vigil.access.sources.graph.GraphStub.server;
import static dev.vigil.access.sources.graph.GraphStub.user;
import static dev.vigil.access.sources.graph.GraphStub.users;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class EntraDeltaSyncTest {

  static final String CREATED = "2025-01-10T08:00:00Z";
  static final String RECENT = "2026-11-28T08:00:00Z";

  @BeforeEach
  void directory() {
    GraphStub.reset();
    // No admins: the service's database is shared by the test classes, and other classes count
    // the admins AUTH-02 names.
    collection(
        "/servicePrincipals/" + GraphStub.SP + "/appRoleAssignedTo",
        List.of(
            "["
                + assignment("ada", "User", "role-member")
                + ","
                + assignment("bob", "User", "role-member")
                + "]",
            "[" + assignment("carl", "User", "role-member") + "]"));
    users(
        List.of(
            "[" + user("ada", true, "Member", CREATED, RECENT) + "]",
            "[" + user("bob", true, "Member", CREATED, RECENT) + "]",
            "[" + user("carl", true, "Guest", CREATED, RECENT) + "]"),
        true);
    deltaPage("latest", "[]", null, "d1");
  }

  /** One users/delta page asked for with a delta or skip token, ending in a next or delta link. */
  private static void deltaPage(String deltaToken, String value, String next, String delta) {
    String base = "http://localhost:" + server().port() + "/v1.0/users/delta?";
    String link =
        next != null
            ? ",\"@odata.nextLink\":\"" + base + "$skiptoken=" + next + "\""
            : ",\"@odata.deltaLink\":\"" + base + "$deltatoken=" + delta + "\"";
    String param = deltaToken.startsWith("skip:") ? "$skiptoken" : "$deltatoken";
    String token = deltaToken.startsWith("skip:") ? deltaToken.substring(5) : deltaToken;
    server()
        .stubFor(
            graph("/users/delta")
                .withQueryParam(param, equalTo(token))
                .willReturn(okJson("{\"value\":" + value + link + "}")));
  }

  private static String sync(long id) {
    return post(admin(), "/api/v1/access-reviews/sources/" + id + "/sync", "{}")
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("outcome");
  }

  private static JsonPath accounts(long id) {
    return get(admin(), "/api/v1/access-reviews/sources/" + id + "/accounts")
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** From now on a full read of /users fails: only a delta read can succeed. */
  private static void fullReadsFail() {
    server().stubFor(graph("/users").atPriority(1).willReturn(aResponse().withStatus(500)));
  }

  @Test
  void shouldApplyAChangedAndARemovedUserFromTheStoredDeltaLink() {
    long id = source("entra-delta", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");
    assertThat(accounts(id).getList("id")).containsExactly("ada", "bob", "carl");

    // bob is disabled (first page), carl deleted (second page).
    deltaPage(
        "d1",
        "[{\"id\":\"bob\",\"userPrincipalName\":\"bob@example.com\",\"accountEnabled\":false}]",
        "dp2",
        null);
    deltaPage("skip:dp2", "[{\"id\":\"carl\",\"@removed\":{\"reason\":\"deleted\"}}]", null, "d2");
    fullReadsFail();
    assertThat(sync(id)).isEqualTo("SYNCED");
    JsonPath after = accounts(id);
    assertThat(after.getList("id")).containsExactly("ada", "bob");
    assertThat(after.getBoolean("find { it.id == 'bob' }.enabled")).isFalse();
    assertThat(after.getBoolean("find { it.id == 'ada' }.enabled")).isTrue();
    // users/delta carries no signInActivity: the full read's is kept.
    assertThat(after.getBoolean("find { it.id == 'bob' }.lastSignIn.known")).isTrue();
    server().verify(3, getRequestedFor(urlPathEqualTo("/v1.0/users")));

    // The next sync starts from the link the delta round ended with, on the directory it left.
    deltaPage("d2", "[]", null, "d3");
    assertThat(sync(id)).isEqualTo("SYNCED");
    assertThat(accounts(id).getList("id")).containsExactly("ada", "bob");
    server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo("/v1.0/users/delta"))
                .withQueryParam("$deltatoken", equalTo("d2")));
    assertThat(get(admin(), "/api/v1/access-reviews/sources").extract().asString())
        .doesNotContain("deltatoken");
  }

  @Test
  void shouldReadInFullWhenGraphAnswers410GoneForTheDeltaLink() {
    long id = source("entra-resync", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");
    server()
        .stubFor(
            graph("/users/delta")
                .withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(aResponse().withStatus(410)));
    users(
        List.of(
            "[" + user("ada", true, "Member", CREATED, RECENT) + "]",
            "[" + user("bob", false, "Member", CREATED, RECENT) + "]"),
        true);

    assertThat(sync(id)).isEqualTo("SYNCED");
    JsonPath after = accounts(id);
    assertThat(after.getList("id")).containsExactly("ada", "bob");
    assertThat(after.getBoolean("find { it.id == 'bob' }.enabled")).isFalse();
    server()
        .verify(
            2,
            getRequestedFor(urlPathEqualTo("/v1.0/users/delta"))
                .withQueryParam("$deltatoken", equalTo("latest")));
  }

  @Test
  void shouldKeepTheSnapshotAndDeltaLinkWhenADeltaSyncFails() {
    long id = source("entra-delta-fail", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");
    deltaPage("d1", "[{\"id\":\"carl\",\"@removed\":{\"reason\":\"deleted\"}}]", "dp2", null);
    server()
        .stubFor(
            graph("/users/delta")
                .withQueryParam("$skiptoken", equalTo("dp2"))
                .willReturn(aResponse().withStatus(500)));
    assertThat(sync(id)).isEqualTo("FAILED");
    assertThat(accounts(id).getList("id")).containsExactly("ada", "bob", "carl");

    // The failed round's removal was rolled back with it: the retry starts from d1 again.
    deltaPage("skip:dp2", "[]", null, "d2");
    fullReadsFail();
    assertThat(sync(id)).isEqualTo("SYNCED");
    assertThat(accounts(id).getList("id")).containsExactly("ada", "bob");
    server()
        .verify(
            2,
            getRequestedFor(urlPathEqualTo("/v1.0/users/delta"))
                .withQueryParam("$deltatoken", equalTo("d1")));
  }
}
