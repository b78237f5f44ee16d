package dev.vigil.access.sources.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.consume;
import static dev.vigil.access.AccessTestSupport.get;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.recordSaying;
import static dev.vigil.access.AccessTestSupport.source;
import static dev.vigil.access.sources.graph.GraphStub.assignment;
import static dev.vigil.access.sources.graph.GraphStub.collection;
import static dev.vigil.access.sources.graph.GraphStub.graph;
import static dev.vigil.access.sources.graph.GraphStub.server;
import static dev.vigil.access.sources.graph.GraphStub.user;
import static dev.vigil.access.sources.graph.GraphStub.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class EntraSyncTest {

  static final String CREATED = "2025-01-10T08:00:00Z";
  static final String RECENT = "2026-11-28T08:00:00Z";

  @BeforeEach
  void directory() {
    GraphStub.reset();
    // ada is assigned directly as admin; the ops group (nested: carl via ops-nested) as member.
    collection(
        "/servicePrincipals/" + GraphStub.SP + "/appRoleAssignedTo",
        List.of(
            "[" + assignment("ada", "User", "role-admin") + "]",
            "[" + assignment("ops", "Group", "role-member") + "]",
            "[" + assignment("svc", "ServicePrincipal", "role-member") + "]"));
    collection(
        "/groups/ops/transitiveMembers/microsoft.graph.user",
        List.of("[{\"id\":\"bob\"},{\"id\":\"carl\"}]"));
    users(
        List.of(
            "["
                + user("ada", true, "Member", CREATED, RECENT)
                + ","
                + user("outsider", true, "Member", CREATED, RECENT)
                + "]",
            "[" + user("bob", true, "Member", CREATED, RECENT) + "]",
            "[" + user("carl", false, "Guest", CREATED, null) + "]"),
        true);
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

  @Test
  void shouldReadEveryPageAndResolveGroupAssignmentsTransitively() {
    long id = source("entra", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");
    JsonPath accounts = accounts(id);
    assertThat(accounts.getList("id")).containsExactly("ada", "bob", "carl");
    assertThat(accounts.getList("find { it.id == 'ada' }.roles")).containsExactly("admin");
    assertThat(accounts.getList("find { it.id == 'carl' }.roles")).containsExactly("member");
    assertThat(accounts.getBoolean("find { it.id == 'carl' }.enabled")).isFalse();
    assertThat(accounts.getString("find { it.id == 'bob' }.managerId")).isEqualTo("boss");
    assertThat(accounts.getBoolean("find { it.id == 'carl' }.lastSignIn.known")).isTrue();
    server().verify(3, getRequestedFor(urlPathEqualTo("/v1.0/users")));
    server()
        .verify(
            3,
            getRequestedFor(
                urlPathEqualTo("/v1.0/servicePrincipals/" + GraphStub.SP + "/appRoleAssignedTo")));
  }

  @Test
  void shouldHonourRetryAfterOn429() {
    server()
        .stubFor(
            graph("/users")
                .withQueryParam("$skiptoken", WireMock.equalTo("p2"))
                .inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("retried"));
    long id = source("entra", "ENTRA");
    long started = System.nanoTime();
    assertThat(sync(id)).isEqualTo("SYNCED");
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1000);
    assertThat(accounts(id).getList("id")).containsExactly("ada", "bob", "carl");
  }

  @Test
  void shouldKeepThePreviousSnapshotWholeWhenASyncFailsMidway() throws Exception {
    long id = source("entra", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");
    String takenAt =
        get(admin(), "/api/v1/access-reviews/sources")
            .extract()
            .path("find { it.id == " + id + " }.snapshotTakenAt");
    server()
        .stubFor(
            graph("/users")
                .withQueryParam("$skiptoken", WireMock.equalTo("p3"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(500)));
    assertThat(sync(id)).isEqualTo("FAILED");
    get(admin(), "/api/v1/access-reviews/sources")
        .body(
            "find { it.id == " + id + " }.lastError",
            containsString("/v1.0/users: Graph answered 500"))
        .body("find { it.id == " + id + " }.snapshotTakenAt", equalTo(takenAt))
        .body("find { it.id == " + id + " }.accounts", equalTo(3));
    assertThat(accounts(id).getList("id")).containsExactly("ada", "bob", "carl");
    Path log = Path.of("target/access-review-service-test.log");
    if (Files.exists(log)) {
      assertThat(Files.readString(log))
          .doesNotContain(GraphStub.SECRET)
          .doesNotContain("graph-token");
    }
  }

  @Test
  void shouldReportInactivityAsUnknownWithoutP1() {
    users(List.of("[" + user("ada", true, "Member", CREATED, "2020-01-01T00:00:00Z") + "]"), false);
    long id = source("entra", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");
    get(admin(), "/api/v1/access-reviews/sources")
        .body("find { it.id == " + id + " }.signInActivityAvailable", equalTo(false));
    JsonPath accounts = accounts(id);
    assertThat(accounts.getBoolean("find { it.id == 'ada' }.lastSignIn.known")).isFalse();
    server()
        .verify(
            getRequestedFor(urlPathEqualTo("/v1.0/users")).withQueryParam("$skiptoken", absent()));
  }

  @Test
  void shouldFailAuth02NamingAnAdminWithMfaRegisteredButNotEnforcedAndTheReverse() {
    ConsumerTask<String, byte[]> compliance = consume("vigil.compliance");
    collection(
        "/reports/authenticationMethods/userRegistrationDetails",
        List.of(
            "[{\"id\":\"ada\",\"isMfaRegistered\":true},{\"id\":\"bob\",\"isMfaRegistered\":true}]"));
    // Report-only and other-app policies do not enforce anything for the platform.
    collection(
        "/identity/conditionalAccess/policies",
        List.of(
            """
            [{"id":"p1","displayName":"MFA report-only","state":"enabledForReportingButNotEnforced",
              "conditions":{"applications":{"includeApplications":["All"]},"users":{"includeUsers":["All"]}},
              "grantControls":{"builtInControls":["mfa"]}},
             {"id":"p2","displayName":"MFA for other app","state":"enabled",
              "conditions":{"applications":{"includeApplications":["other"]},"users":{"includeUsers":["All"]}},
              "grantControls":{"builtInControls":["mfa"]}}]
            """));
    long id = source("entra", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");
    assertThat(
            recordSaying(
                compliance, "\"AUTH-02\"", "ada@example.com (ada) (registered but not enforced)"))
        .contains("\"FAIL\"");

    collection(
        "/reports/authenticationMethods/userRegistrationDetails",
        List.of("[{\"id\":\"ada\",\"isMfaRegistered\":false}]"));
    collection(
        "/identity/conditionalAccess/policies",
        List.of(
            """
            [{"id":"p3","displayName":"Admins need phishing-resistant MFA","state":"enabled",
              "conditions":{"applications":{"includeApplications":["app-platform"]},
                            "users":{"includeGroups":["ops"],"includeUsers":["ada"]}},
              "grantControls":{"builtInControls":[],"authenticationStrength":{"id":"00000000-0000-0000-0000-000000000004"}}}]
            """));
    assertThat(sync(id)).isEqualTo("SYNCED");
    JsonPath accounts = accounts(id);
    assertThat(accounts.getString("find { it.id == 'ada' }.mfaPolicy"))
        .isEqualTo("Admins need phishing-resistant MFA");
    assertThat(accounts.getList("findAll { it.mfaEnforced }.id"))
        .containsExactly("ada", "bob", "carl");
    assertThat(
            recordSaying(
                compliance, "\"AUTH-02\"", "ada@example.com (ada) (enforced but not registered)"))
        .contains("\"FAIL\"");
  }

  @Test
  void shouldNotFollowANextLinkToAnotherHost() {
    long id = source("entra", "ENTRA");
    // Same server, other host name: the bearer token must not follow it.
    String elsewhere = "http://127.0.0.1:" + server().port() + "/v1.0/users?$skiptoken=evil";
    server()
        .stubFor(
            graph("/users")
                .withQueryParam("$skiptoken", absent())
                .atPriority(1)
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"value\":[],\"@odata.nextLink\":\"" + elsewhere + "\"}")));
    assertThat(sync(id)).isEqualTo("FAILED");
    get(admin(), "/api/v1/access-reviews/sources")
        .body(
            "find { it.id == " + id + " }.lastError",
            containsString("@odata.nextLink leaves the Graph base URL"));
    server()
        .verify(
            0,
            getRequestedFor(urlPathEqualTo("/v1.0/users"))
                .withQueryParam("$skiptoken", WireMock.equalTo("evil")));
  }
}
