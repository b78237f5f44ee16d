package dev.vigil.keys.slots;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.vigil.testing.net.FreePorts;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(KubernetesUnreachableTest.NoApiServer.class)
class KubernetesUnreachableTest {

  /** A Kubernetes API address where nothing listens. */
  public static class NoApiServer implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.kubernetes-client.api-server-url",
          "https://127.0.0.1:" + FreePorts.next(),
          "quarkus.kubernetes-client.request-timeout",
          "2s",
          "quarkus.kubernetes-client.request-retry-backoff-limit",
          "0");
    }
  }

  @Test
  void shouldAnswer503WhenTheKubernetesApiCannotBeReached() {
    String admin =
        EntraIdTestResource.tokens()
            .user("ada", "Vigil.Admin")
            .claim("acrs", java.util.List.of("c1"))
            .sign();
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"unreachable\",\"namespace\":\"unreachable\"}")
        .when()
        .post("/api/v1/keys/environments")
        .then()
        .statusCode(201);

    given()
        .auth()
        .oauth2(admin)
        .when()
        .post("/api/v1/keys/environments/unreachable/slots/generate")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("detail", containsString("Kubernetes API"));
  }
}
