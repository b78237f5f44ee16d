package dev.vigil.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FakeUpstream.class, restrictToAnnotatedClass = true)
class ApiRouterTest {

  private static String token() {
    return EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign();
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
}
