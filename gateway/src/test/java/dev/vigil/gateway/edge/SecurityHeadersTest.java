package dev.vigil.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityHeadersTest {

  @Test
  void shouldSendSecurityHeadersAndNeverLetApiResponsesBeCached() {
    String token = EntraIdTestResource.tokens().user("ada", "Vigil.Auditor").sign();
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/checklist")
        .then()
        .statusCode(200)
        .header("Strict-Transport-Security", containsString("max-age=31536000"))
        .header("X-Content-Type-Options", equalTo("nosniff"))
        .header("X-Frame-Options", equalTo("DENY"))
        .header("Cache-Control", equalTo("no-store"));
    // Errors too.
    given()
        .get("/api/v1/checklist")
        .then()
        .statusCode(401)
        .header("Cache-Control", equalTo("no-store"))
        .header("X-Content-Type-Options", equalTo("nosniff"));
  }

  @Test
  void shouldNotAnswerCrossOriginRequestsByDefault() {
    given()
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "GET")
        .options("/api/v1/checklist")
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
  }
}
