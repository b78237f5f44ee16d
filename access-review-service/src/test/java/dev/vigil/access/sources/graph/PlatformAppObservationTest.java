package dev.vigil.access.sources.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.consume;
import static dev.vigil.access.AccessTestSupport.get;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.recordSaying;
import static dev.vigil.access.AccessTestSupport.source;
import static dev.vigil.access.sources.graph.GraphStub.application;
import static dev.vigil.access.sources.graph.GraphStub.assignment;
import static dev.vigil.access.sources.graph.GraphStub.collection;
import static dev.vigil.access.sources.graph.GraphStub.graph;
import static dev.vigil.access.sources.graph.GraphStub.server;
import static dev.vigil.access.sources.graph.GraphStub.user;
import static dev.vigil.access.sources.graph.GraphStub.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform side of AUTH-04: each Entra ID sync publishes what it saw of the platform's app. */
@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class PlatformAppObservationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TYPE = "dev.vigil.access.platform-app-observed.v1";

  @BeforeEach
  void directory() {
    GraphStub.reset();
    collection(
        "/servicePrincipals/" + GraphStub.SP + "/appRoleAssignedTo",
        List.of("[" + assignment("ada", "User", "role-admin") + "]"));
    users(List.of("[" + user("ada", true, "Member", "2025-01-10T08:00:00Z", null) + "]"), true);
  }

  private static JsonNode json(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sync(long id) {
    return post(admin(), "/api/v1/access-reviews/sources/" + id + "/sync", "{}")
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("outcome");
  }

  /** A secret and a certificate, each carrying the value fields Graph may return. */
  private static String applicationWith(String secretKeyId) {
    return """
        {"id":"app-object","appId":"app-platform","displayName":"Tenant portal",
         "passwordCredentials":[{"keyId":"%s","displayName":"CI deploy","hint":"Zx9",
           "secretText":"never-keep-this-secret","startDateTime":"2026-01-01T00:00:00Z",
           "endDateTime":"2027-01-01T00:00:00Z"}],
         "keyCredentials":[{"keyId":"cert-1","displayName":"CN=portal","type":"AsymmetricX509Cert",
           "usage":"Verify","key":"TUlJQ2VydGlmaWNhdGVCeXRlcw==","customKeyIdentifier":"AB12",
           "startDateTime":"2026-02-01T00:00:00Z","endDateTime":"2026-12-20T00:00:00Z"}]}
        """
        .formatted(secretKeyId);
  }

  @Test
  void shouldPublishTheAppWithItsCredentialsAndTheirExpiryButNoSecretField() throws Exception {
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    String keyId = "secret-" + UUID.randomUUID();
    application(applicationWith(keyId));
    server()
        .stubFor(
            graph("/auditLogs/signIns")
                .withQueryParam("$filter", containing("appId eq 'app-platform'"))
                .withQueryParam("$filter", containing("status/errorCode eq 0"))
                .withQueryParam("$filter", containing("createdDateTime ge "))
                .withQueryParam("$top", equalTo("1"))
                .willReturn(
                    okJson(
                        "{\"value\":[{\"id\":\"s-1\",\"createdDateTime\":\"2026-11-30T09:00:00Z\"}]}")));

    long id = source("entra", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");

    String record = recordSaying(access, keyId);
    assertThat(record)
        .doesNotContain("never-keep-this-secret")
        .doesNotContain("Zx9")
        .doesNotContain("TUlJQ2VydGlmaWNhdGVCeXRlcw==")
        .doesNotContain("hint")
        .doesNotContain("secretText")
        .doesNotContain("\"key\"");
    JsonNode data = JSON.readTree(record);
    assertThat(data.path("exists").asBoolean()).isTrue();
    assertThat(data.path("enabled").asBoolean()).isTrue();
    assertThat(data.path("assignmentRequired").asBoolean()).isTrue();
    assertThat(data.path("appId").asText()).isEqualTo("app-platform");
    assertThat(data.path("lastSuccessfulSignIn").asText()).isEqualTo("2026-11-30T09:00:00Z");
    assertThat(data.path("signInsUnknownReason").isNull()).isTrue();
    assertThat(data.path("credentials")).hasSize(2);
    JsonNode secret = data.path("credentials").get(0);
    assertThat(secret.path("type").asText()).isEqualTo("secret");
    assertThat(secret.path("displayName").asText()).isEqualTo("CI deploy");
    assertThat(secret.path("endDateTime").asText()).isEqualTo("2027-01-01T00:00:00Z");
    JsonNode certificate = data.path("credentials").get(1);
    assertThat(certificate.path("type").asText()).isEqualTo("certificate");
    assertThat(certificate.path("keyId").asText()).isEqualTo("cert-1");
    assertThat(certificate.path("endDateTime").asText()).isEqualTo("2026-12-20T00:00:00Z");
    ConsumerRecord<String, byte[]> published =
        access.getRecords().stream()
            .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(keyId))
            .findFirst()
            .orElseThrow();
    assertThat(published.key()).isEqualTo(GraphStub.SP);
    assertThat(
            new String(published.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
        .isEqualTo(TYPE);
  }

  @Test
  void shouldReportSignInsAsUnknownNotNoneWhenGraphRefusesThem() throws Exception {
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    String keyId = "secret-" + UUID.randomUUID();
    application(applicationWith(keyId));
    server()
        .stubFor(
            graph("/auditLogs/signIns")
                .willReturn(
                    aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\":{\"code\":\"Authentication_RequestFromNonPremiumTenantOrB2CTenant\"}}")));

    long id = source("entra", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");

    JsonNode data = JSON.readTree(recordSaying(access, keyId));
    assertThat(data.path("lastSuccessfulSignIn").isNull()).isTrue();
    assertThat(data.path("signInsUnknownReason").asText())
        .contains("403")
        .contains("AuditLog.Read.All");
    assertThat(data.path("exists").asBoolean()).isTrue();
  }

  @Test
  void shouldPublishThatTheServicePrincipalIsMissingAndKeepThePreviousSnapshot() throws Exception {
    ConsumerTask<String, byte[]> access = consume("vigil.access");
    long id = source("entra", "ENTRA");
    assertThat(sync(id)).isEqualTo("SYNCED");

    server()
        .stubFor(
            graph("/servicePrincipals/" + GraphStub.SP)
                .atPriority(1)
                .willReturn(aResponse().withStatus(404)));
    assertThat(sync(id)).isEqualTo("FAILED");

    JsonNode data =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    access.getRecords().stream()
                        .map(r -> json(r.value()))
                        .filter(d -> d.path("exists").isBoolean() && !d.path("exists").asBoolean())
                        .findFirst()
                        .orElse(null),
                Objects::nonNull);
    assertThat(data.path("servicePrincipalId").asText()).isEqualTo(GraphStub.SP);
    assertThat(data.path("servicePrincipalUnknownReason").isNull()).isTrue();
    assertThat(data.path("credentials").isNull()).isTrue();
    assertThat(data.path("credentialsUnknownReason").asText()).contains("does not exist");
    assertThat(data.path("signInsUnknownReason").asText()).contains("does not exist");
    // The directory read failed on the same 404: the previous snapshot stays.
    assertThat(
            get(admin(), "/api/v1/access-reviews/sources/" + id + "/accounts")
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id"))
        .containsExactly("ada");
  }
}
