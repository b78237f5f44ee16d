package dev.vigil.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.Personas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FakeUpstream.class, restrictToAnnotatedClass = true)
class ApiRouterTest {

  private static String token() {
    return Personas.admin();
  }

  @Test
  void shouldRouteToTheOwningServiceWithTheTokenAndACorrelationId() {
    String token = token();
    given()
        .auth()
        .oauth2(token)
        .header("X-Correlation-ID", "incident-42")
        .get("/api/v1/keys/environments?page=2")
        .then()
        .statusCode(200)
        .header("X-Correlation-ID", "incident-42")
        .body("method", equalTo("GET"))
        .body("path", equalTo("/api/v1/keys/environments"))
        .body("query", equalTo("page=2"))
        .body("authorization", equalTo("Bearer " + token))
        .body("correlation", equalTo("incident-42"));
    given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body("{\"name\":\"x\"}")
        .post("/api/v1/keys/things")
        .then()
        .statusCode(201)
        .header("Location", "/api/v1/keys/things/1")
        .header("X-Correlation-ID", notNullValue())
        .body("body", equalTo("{'name':'x'}"));
  }

  @Test
  void shouldSendTheServiceTheIdItCreatedEchoItAndAuditTheCallWithIt() {
    ConsumerTask<String, byte[]> audit =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.audit");
    String marker = "routed-" + UUID.randomUUID();
    io.restassured.response.Response response =
        given()
            .auth()
            .oauth2(token())
            .header("User-Agent", marker)
            .get("/api/v1/keys/environments")
            .then()
            .statusCode(200)
            .extract()
            .response();

    String echoed = response.header("X-Correlation-ID");
    assertThat(UUID.fromString(echoed)).as("created by the gateway").isNotNull();
    assertThat(response.jsonPath().getString("correlation"))
        .as("what the service received")
        .isEqualTo(echoed);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                audit.getRecords().stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8).replace(" ", ""))
                    .anyMatch(
                        v -> v.contains(marker) && v.contains("\"correlationId\":\"" + echoed)));
  }

  @Test
  void shouldNeverRouteDotSegmentsOrEncodedSlashesToTheService() {
    int before = FakeUpstream.REQUESTS.get();
    given()
        .auth()
        .oauth2(token())
        .urlEncodingEnabled(false)
        .get("/api/v1/keys/..%2F..%2Fq%2Fmetrics")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("dot segments or encoded slashes"));
    for (String path :
        new String[] {
          "/api/v1/keys/..%2F..%2Fq%2Fmetrics",
          "/api/v1/keys/%2e%2e/%2e%2e/q/metrics",
          "/api/v1/keys/a%5c..%5cb"
        }) {
      given()
          .auth()
          .oauth2(token())
          .urlEncodingEnabled(false)
          .get(path)
          .then()
          // 400 from the router; 404 where the server resolved the dot segments before routing.
          .statusCode(org.hamcrest.Matchers.oneOf(400, 404));
    }
    assertThat(FakeUpstream.REQUESTS.get()).isEqualTo(before);
    // An encoded space is forwarded as sent, and never charged to the service's breaker.
    given()
        .auth()
        .oauth2(token())
        .urlEncodingEnabled(false)
        .get("/api/v1/keys/environments/a%20b")
        .then()
        .statusCode(200)
        .body("path", equalTo("/api/v1/keys/environments/a b"));
  }

  @Test
  void shouldRefuseBadTokensAtTheGatewayWithoutCallingTheService() {
    int before = FakeUpstream.REQUESTS.get();
    given().get("/api/v1/keys/environments").then().statusCode(401);
    given().auth().oauth2("garbage").get("/api/v1/keys/environments").then().statusCode(401);
    assertThat(FakeUpstream.REQUESTS.get()).isEqualTo(before);
  }

  @Test
  void shouldAnswer504WhenTheServiceIsSlowAnd502WhenItFails() {
    long started = System.nanoTime();
    given()
        .auth()
        .oauth2(token())
        .get("/api/v1/keys/slow")
        .then()
        .statusCode(504)
        .contentType("application/problem+json")
        .body("detail", containsString("key-service did not answer"));
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2900);
    given()
        .auth()
        .oauth2(token())
        .get("/api/v1/keys/broken")
        .then()
        .statusCode(502)
        .contentType("application/problem+json");
  }

  @Test
  void shouldAnswer503AtOnceWhenTheServiceIsDownAndOpenItsCircuit() {
    long started = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      given()
          .auth()
          .oauth2(token())
          .get("/api/v1/backups/targets")
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .body("detail", containsString("backup-service cannot be reached"));
    }
    assertThat((System.nanoTime() - started) / 1_000_000).as("no hang").isLessThan(5000);
    given()
        .auth()
        .oauth2(token())
        .get("/api/v1/backups/targets")
        .then()
        .statusCode(503)
        .header("Retry-After", notNullValue())
        .body("detail", containsString("circuit is open"));
  }

  @Test
  void shouldStreamALargeGetAnswerPastTheBufferLimitAndAuditIt() throws Exception {
    ConsumerTask<String, byte[]> audit =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.audit");
    long bytes = 5_000_000; // above max-response-size (2M in this test): only streaming relays it
    HttpResponse<InputStream> response = getStream("/api/v1/keys/export?bytes=" + bytes);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    assertThat(response.headers().firstValue("X-Correlation-ID")).isPresent();
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readAllBytes();
    }
    assertThat(body).hasSize((int) bytes);
    String text = new String(body, StandardCharsets.UTF_8);
    int lineLength = FakeUpstream.exportLine(0).length();
    assertThat(text).startsWith(FakeUpstream.exportLine(0) + FakeUpstream.exportLine(1));
    long middle = bytes / 2 / lineLength;
    assertThat(text.substring((int) (middle * lineLength), (int) ((middle + 1) * lineLength)))
        .isEqualTo(FakeUpstream.exportLine(middle));

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                audit.getRecords().stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8).replace(" ", ""))
                    .anyMatch(
                        v ->
                            v.contains("\"id\":\"/api/v1/keys/export\"")
                                && v.contains("\"status\":200")));
  }

  @Test
  void shouldStillRefuseAnAnswerTooLargeToReadInFullForOtherMethods() {
    given()
        .auth()
        .oauth2(token())
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/keys/export?bytes=3000000")
        .then()
        .statusCode(502)
        .body("detail", containsString("max-response-size"));
  }

  @Test
  void shouldBreakTheCallersConnectionWhenTheUpstreamBreaksOffMidAnswer() throws Exception {
    HttpResponse<InputStream> response = getStream("/api/v1/keys/export-broken?bytes=4000000");

    assertThat(response.statusCode()).isEqualTo(200);
    // A cut-off body must not look complete: reading it fails instead of ending normally (and
    // does not hang, which a connection left open would).
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(
                    () -> {
                      try (InputStream in = response.body()) {
                        in.readAllBytes();
                      }
                    })
                .isInstanceOf(java.io.IOException.class));
  }

  @Test
  void shouldDropTheServicesConnectionWhenTheCallerHangsUpMidAnswer() throws Exception {
    int before = FakeUpstream.EXPORTS_CUT_BY_CALLER.get();
    HttpResponse<InputStream> response = getStream("/api/v1/keys/export?bytes=200000000");
    try (InputStream in = response.body()) {
      assertThat(in.readNBytes(1_000_000)).hasSize(1_000_000);
    }
    // 200 MB cannot sit in buffers: the service only stops writing because its connection was
    // reset.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> FakeUpstream.EXPORTS_CUT_BY_CALLER.get() > before);
  }

  @Test
  void shouldForwardHeadAsHeadWithoutABody() {
    given()
        .auth()
        .oauth2(token())
        .head("/api/v1/keys/export?bytes=5000000")
        .then()
        .statusCode(200)
        .header("Content-Type", "application/x-ndjson");
    assertThat(FakeUpstream.lastExportMethod).isEqualTo("HEAD");
  }

  @Test
  void shouldOpenTheCircuitOnFailingAnswersAndCloseItWhenATrialSucceeds() {
    FakeUpstream.FLAKY_FAILING.set(false);
    // A success first, so only this test's three failures (the breaker's whole window) can open it.
    flaky().statusCode(200);
    FakeUpstream.FLAKY_FAILING.set(true);
    try {
      for (int i = 0; i < 3; i++) {
        flaky().statusCode(502).body("detail", containsString("HTTP 500"));
      }
      int before = FakeUpstream.REQUESTS.get();
      flaky()
          .statusCode(503)
          .header("Retry-After", notNullValue())
          .body("detail", containsString("circuit is open"));
      assertThat(FakeUpstream.REQUESTS.get()).as("refused without calling").isEqualTo(before);
      // SREs see the open circuit in the metrics, named after the service.
      assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
          .containsPattern(
              "ft_circuitbreaker_state_current\\{[^}]*method=\"calls to key-service\"[^}]*"
                  + "state=\"open\"[^}]*} 1\\.0");
    } finally {
      FakeUpstream.FLAKY_FAILING.set(false);
    }
    // After breaker-open-for (2 s here) one trial call goes through; it succeeds and closes it.
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> flaky().extract().statusCode() == 200);
    flaky().statusCode(200);
  }

  private static io.restassured.response.ValidatableResponse flaky() {
    return given().auth().oauth2(token()).get("/api/v1/keys/flaky").then();
  }

  private static HttpResponse<InputStream> getStream(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + token())
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
  }
}
