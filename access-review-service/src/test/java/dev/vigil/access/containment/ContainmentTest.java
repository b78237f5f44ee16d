package dev.vigil.access.containment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.consume;
import static dev.vigil.access.AccessTestSupport.oid;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.recordSaying;
import static dev.vigil.access.AccessTestSupport.service;
import static dev.vigil.access.AccessTestSupport.source;
import static dev.vigil.access.AccessTestSupport.steppedUpAdmin;
import static dev.vigil.access.sources.graph.GraphStub.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.vigil.access.sources.graph.GraphStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class ContainmentTest {

  private static final String PATH = "/api/v1/access-reviews/containment";

  @Test
  void shouldRefuseContainmentWithoutStepUp() {
    long id = source("entra", "ENTRA");
    post(
            admin(),
            PATH,
            "{\"sourceId\":" + id + ",\"subject\":\"mallory\",\"actions\":[\"DISABLE\"]}")
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("insufficient_claims"));
    post(
            steppedUpAdmin(),
            PATH,
            "{\"sourceId\":" + id + ",\"subject\":\"mallory\",\"actions\":[\"NUKE\"]}")
        .statusCode(400)
        .body("detail", containsString("actions"));
  }

  @Test
  void shouldContainAnEntraAccountThroughGraphWithAResultPerActionAndAudit() {
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    GraphStub.reset();
    server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/v1.0/users/mallory/revokeSignInSessions"))
                .willReturn(okJson("{\"value\":true}")));
    server()
        .stubFor(
            WireMock.patch(urlPathEqualTo("/v1.0/users/mallory")).willReturn(WireMock.noContent()));
    server()
        .stubFor(
            GraphStub.graph("/users/mallory/appRoleAssignments")
                .willReturn(WireMock.serverError()));
    long id = source("entra", "ENTRA");
    post(
            steppedUpAdmin(),
            PATH,
            "{\"sourceId\":"
                + id
                + ",\"subject\":\"mallory\",\"incidentId\":\"inc-7\","
                + "\"actions\":[\"DISABLE\",\"REVOKE_SESSIONS\",\"REMOVE_ROLES\",\"REVOKE_API_KEYS\"]}")
        .statusCode(200)
        .body(
            "results.action",
            org.hamcrest.Matchers.contains(
                "REVOKE_SESSIONS", "DISABLE", "REMOVE_ROLES", "REVOKE_API_KEYS"))
        .body("results[0].outcome", equalTo("DONE"))
        .body("results[1].outcome", equalTo("DONE"))
        .body("results[2].outcome", equalTo("FAILED"))
        .body("results[2].detail", containsString("Graph answered 500"))
        .body("results[3].outcome", equalTo("NOT_APPLICABLE"))
        .body("callerOid", equalTo(oid("ada")))
        .body("callerTid", org.hamcrest.Matchers.notNullValue());
    server().verify(postRequestedFor(urlPathEqualTo("/v1.0/users/mallory/revokeSignInSessions")));
    server()
        .verify(
            patchRequestedFor(urlPathEqualTo("/v1.0/users/mallory"))
                .withRequestBody(equalToJson("{\"accountEnabled\":false}")));
    assertThat(recordSaying(access, "\"containmentId\"", "\"subject\": \"mallory\"", "inc-7"))
        .contains("\"callerOid\": \"" + oid("ada") + "\"");
  }

  @Test
  void shouldRequestPlatformRevocationsIncludingTheSubjectsApiKeys() {
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    long id = source("platform", "PLATFORM");
    post(
            service(),
            "/api/v1/access-reviews/sources/" + id + "/snapshots",
            "{\"members\":[{\"id\":\"trent\",\"status\":\"ACTIVE\"}],\"apiKeys\":["
                + "{\"id\":\"key-t1\",\"ownerId\":\"trent\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"status\":\"ACTIVE\"},"
                + "{\"id\":\"key-o1\",\"ownerId\":\"other\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"status\":\"ACTIVE\"}]}")
        .statusCode(201);
    post(
            steppedUpAdmin(),
            PATH,
            "{\"sourceId\":"
                + id
                + ",\"subject\":\"trent\",\"actions\":[\"DISABLE\",\"REVOKE_API_KEYS\"]}")
        .statusCode(200)
        .body("results[0].outcome", equalTo("REQUESTED"))
        .body("results[1].outcome", equalTo("REQUESTED"))
        .body("results[1].detail", containsString("key-t1"))
        .body("results[1].detail", org.hamcrest.Matchers.not(containsString("key-o1")));
    recordSaying(access, "\"subject\": \"key-t1\"", "REVOKE_API_KEY");
    recordSaying(access, "\"subject\": \"trent\"", "\"DISABLE\"", "containment:");
  }

  @Test
  void shouldDisableAPlatformAccountThroughScimAndRequestTheRest() {
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    server()
        .stubFor(
            WireMock.patch(urlPathEqualTo("/scim-contain/v2/Users/sybil"))
                .willReturn(WireMock.okJson("{\"id\":\"sybil\",\"active\":false}")));
    long id =
        post(
                admin(),
                "/api/v1/access-reviews/sources",
                "{\"name\":\"scim-contain-%d\",\"kind\":\"PLATFORM\",\"scimBaseUrl\":\"http://localhost:%d/scim-contain/v2\"}"
                    .formatted(System.nanoTime() % 100000, server().port()))
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    post(
            steppedUpAdmin(),
            PATH,
            "{\"sourceId\":"
                + id
                + ",\"subject\":\"sybil\",\"actions\":[\"DISABLE\",\"REVOKE_SESSIONS\"]}")
        .statusCode(200)
        .body("results.action", org.hamcrest.Matchers.contains("REVOKE_SESSIONS", "DISABLE"))
        .body("results[0].outcome", equalTo("REQUESTED"))
        .body("results[1].outcome", equalTo("DONE"));
    server()
        .verify(
            patchRequestedFor(urlPathEqualTo("/scim-contain/v2/Users/sybil"))
                .withRequestBody(WireMock.containing("\"active\"")));
    String request = recordSaying(access, "\"subject\": \"sybil\"", "\"requestId\"");
    assertThat(request).contains("REVOKE_SESSIONS").doesNotContain("\"DISABLE\"");
  }
}
