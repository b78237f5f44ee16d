package dev.vigil.access.sources.scim;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.service;
import static dev.vigil.access.sources.graph.GraphStub.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.vigil.access.AccessTestSupport;
import dev.vigil.access.sources.graph.GraphStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SCIM 2.0 /Users and /Groups (WireMock) as a PLATFORM source's members. */
@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class ScimSyncTest {

  private static final int PAGE = 200;

  @Inject ScimSync scimSync;

  private static MappingBuilder page(String base, String collection, int startIndex) {
    return get(urlPathEqualTo(base + "/" + collection))
        .withQueryParam("startIndex", equalTo(String.valueOf(startIndex)))
        .withQueryParam("count", equalTo(String.valueOf(PAGE)))
        .withHeader("Authorization", equalTo("Bearer scim-token"));
  }

  private static String list(int total, int startIndex, List<String> resources) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],"
        + "\"totalResults\":%d,\"startIndex\":%d,\"itemsPerPage\":%d,\"Resources\":[%s]}"
            .formatted(total, startIndex, resources.size(), String.join(",", resources));
  }

  private static String user(int n, boolean active) {
    return "{\"id\":\"u%d\",\"userName\":\"user%d@example.com\",\"active\":%s,"
            .formatted(n, n, active)
        + "\"meta\":{\"created\":\"2025-01-01T00:00:00Z\"}}";
  }

  /** 450 users over three pages of 200, 200 and 50; u7 inactive; two groups. */
  private static void directory(String base) {
    for (int start : new int[] {1, 201, 401}) {
      List<String> users = new ArrayList<>();
      for (int n = start; n < Math.min(start + PAGE, 451); n++) {
        users.add(user(n, n != 7));
      }
      server().stubFor(page(base, "Users", start).willReturn(okJson(list(450, start, users))));
    }
    server()
        .stubFor(
            page(base, "Groups", 1)
                .willReturn(
                    okJson(
                        list(
                            2,
                            1,
                            List.of(
                                "{\"id\":\"g1\",\"displayName\":\"owner\",\"members\":[{\"value\":\"u1\"}]}",
                                "{\"id\":\"g2\",\"displayName\":\"billing\",\"members\":[{\"value\":\"u1\"},{\"value\":\"u450\"}]}")))));
  }

  private static long scimSource(String base) {
    String name = "scim-" + UUID.randomUUID().toString().substring(0, 8);
    return post(
            admin(),
            "/api/v1/access-reviews/sources",
            "{\"name\":\"%s\",\"kind\":\"PLATFORM\",\"scimBaseUrl\":\"http://localhost:%d%s\"}"
                .formatted(name, server().port(), base))
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static JsonPath accounts(long id) {
    return AccessTestSupport.get(admin(), "/api/v1/access-reviews/sources/" + id + "/accounts")
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void shouldReadEveryPageOfUsersAndGroupsAndKeepWhatOnlyThePushReports() {
    String base = "/scim-" + UUID.randomUUID() + "/v2";
    directory(base);
    long id = scimSource(base);
    // The platform pushed u1 with MFA and an API key: SCIM cannot say either.
    post(
            service(),
            "/api/v1/access-reviews/sources/" + id + "/snapshots",
            "{\"members\":[{\"id\":\"u1\",\"status\":\"ACTIVE\",\"roles\":[\"owner\"],"
                + "\"mfaRegistered\":true,\"mfaEnforced\":true,\"organizations\":[\"acme\"]}],"
                + "\"apiKeys\":[{\"id\":\"k1\",\"ownerId\":\"u1\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"status\":\"ACTIVE\"}]}")
        .statusCode(201);

    post(admin(), "/api/v1/access-reviews/sources/" + id + "/sync", "{}")
        .statusCode(200)
        .body("outcome", org.hamcrest.Matchers.equalTo("SYNCED"));

    server()
        .verify(
            getRequestedFor(urlPathEqualTo(base + "/Users"))
                .withQueryParam("startIndex", equalTo("401")));
    JsonPath accounts = accounts(id);
    assertThat(accounts.getList("id")).hasSize(450).contains("u1", "u200", "u201", "u450");
    assertThat(accounts.getBoolean("find { it.id == 'u7' }.enabled")).isFalse();
    assertThat(accounts.getList("find { it.id == 'u1' }.roles"))
        .containsExactly("billing", "owner");
    assertThat(accounts.getList("find { it.id == 'u450' }.roles")).containsExactly("billing");
    assertThat(accounts.getString("find { it.id == 'u2' }.displayName"))
        .isEqualTo("user2@example.com");
    assertThat(accounts.getBoolean("find { it.id == 'u1' }.mfaRegistered")).isTrue();
    assertThat(accounts.getList("find { it.id == 'u1' }.organizations")).containsExactly("acme");
    assertThat(accounts.getBoolean("find { it.id == 'u2' }.lastSignIn.known"))
        .as("SCIM reports no activity: unknown, never inactive")
        .isFalse();
    assertThat(
            AccessTestSupport.get(admin(), "/api/v1/access-reviews/sources")
                .extract()
                .jsonPath()
                .getInt("find { it.id == " + id + " }.apiKeys"))
        .as("API keys come from the push only and survive the SCIM sync")
        .isEqualTo(1);
  }

  @Test
  void shouldKeepThePreviousSnapshotWholeWhenAPageFailsMidway() {
    String base = "/scim-" + UUID.randomUUID() + "/v2";
    directory(base);
    long id = scimSource(base);
    post(admin(), "/api/v1/access-reviews/sources/" + id + "/sync", "{}").statusCode(200);
    assertThat(accounts(id).getList("id")).hasSize(450);

    server().stubFor(page(base, "Users", 201).willReturn(serviceUnavailable()));
    post(admin(), "/api/v1/access-reviews/sources/" + id + "/sync", "{}")
        .statusCode(200)
        .body("outcome", org.hamcrest.Matchers.equalTo("FAILED"))
        .body("lastError", org.hamcrest.Matchers.equalTo("SCIM GET /Users answered 503"));
    assertThat(accounts(id).getList("id")).as("previous snapshot kept whole").hasSize(450);
  }

  @Test
  void shouldRefuseToSyncAPlatformSourceWithoutScim() {
    long id = AccessTestSupport.source("platform", "PLATFORM");
    post(admin(), "/api/v1/access-reviews/sources/" + id + "/sync", "{}")
        .statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void shouldSyncScimSourcesFromTheScheduledEntryPoint() throws Throwable {
    String base = "/scim-" + UUID.randomUUID() + "/v2";
    directory(base);
    long id = scimSource(base);
    long withoutScim = AccessTestSupport.source("platform", "PLATFORM");

    // The job the scheduler runs every vigil.access.scim.sync-interval (off in tests).
    VertxContextSupport.subscribeAndAwait(() -> scimSync.scheduled());

    assertThat(accounts(id).getList("id")).hasSize(450).contains("u1", "u450");
    JsonPath sources =
        AccessTestSupport.get(admin(), "/api/v1/access-reviews/sources").extract().jsonPath();
    assertThat(sources.getString("find { it.id == " + id + " }.lastSuccessAt")).isNotNull();
    assertThat(sources.getString("find { it.id == " + withoutScim + " }.lastSyncAt"))
        .as("a source without a SCIM base URL is not synced")
        .isNull();
  }
}
