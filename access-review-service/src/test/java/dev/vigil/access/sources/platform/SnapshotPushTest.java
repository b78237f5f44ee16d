package dev.vigil.access.sources.platform;

import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.get;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.service;
import static dev.vigil.access.AccessTestSupport.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SnapshotPushTest {

  static final String SNAPSHOT =
      """
      {"members":[
        {"id":"ada","displayName":"Ada","status":"ACTIVE","createdAt":"2025-01-01T00:00:00Z",
         "lastActiveAt":"2026-11-30T10:00:00Z","roles":["owner"],"organizations":[],
         "mfaRegistered":true,"mfaEnforced":true},
        {"id":"bob","status":"DISABLED","createdAt":"2025-02-01T00:00:00Z","roles":["member"]}],
       "apiKeys":[{"id":"k1","name":"ci","ownerId":"ada","scopes":["read"],
         "createdAt":"2026-10-01T00:00:00Z","lastUsedAt":"2026-12-01T00:00:00Z","status":"ACTIVE"}],
       "passwordPolicy":{"ssoOnly":false,"minLength":14,"requiresMixed":true}}
      """;

  @Test
  void shouldAcceptACompleteSnapshotAndShowItInTheSourceStatus() {
    long id = source("platform", "PLATFORM");
    post(service(), "/api/v1/access-reviews/sources/" + id + "/snapshots", SNAPSHOT)
        .statusCode(201)
        .body("accounts", equalTo(2))
        .body("apiKeys", equalTo(1));
    get(admin(), "/api/v1/access-reviews/sources")
        .statusCode(200)
        .body("find { it.id == " + id + " }.accounts", equalTo(2))
        .body("find { it.id == " + id + " }.lastSuccessAt", notNullValue())
        .body("find { it.id == " + id + " }.signInActivityAvailable", equalTo(true));
  }

  @Test
  void shouldRejectABadSnapshotNamingTheFieldAndKeepThePreviousOne() {
    long id = source("platform", "PLATFORM");
    String path = "/api/v1/access-reviews/sources/" + id + "/snapshots";
    post(service(), path, SNAPSHOT).statusCode(201);
    post(
            service(),
            path,
            "{\"members\":[{\"id\":\"x\",\"status\":\"ACTIVE\"},"
                + "{\"id\":\"y\",\"status\":\"GONE\",\"createdAt\":\"yesterday\"}]}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("members[1].status"))
        .body("detail", containsString("members[1].createdAt"))
        .body("detail", not(containsString("yesterday")));
    get(admin(), "/api/v1/access-reviews/sources")
        .body("find { it.id == " + id + " }.accounts", equalTo(2));
  }

  @Test
  void shouldRefuseCallersWithoutServiceOrAdminRole() {
    long id = source("platform", "PLATFORM");
    String auditor = EntraIdTestResource.tokens().user("audrey", "Vigil.Auditor").sign();
    post(auditor, "/api/v1/access-reviews/sources/" + id + "/snapshots", SNAPSHOT).statusCode(403);
    post(admin(), "/api/v1/access-reviews/sources", "{\"name\":\"Bad Name\",\"kind\":\"ENTRA\"}")
        .statusCode(400)
        .body("detail", containsString("name"));
  }
}
