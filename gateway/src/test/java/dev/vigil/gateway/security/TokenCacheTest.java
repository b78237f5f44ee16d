package dev.vigil.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.vigil.testing.oidc.EntraIdTestResource;
import dev.vigil.testing.oidc.EntraTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Verified tokens are remembered (vigil.oidc.token-cache), and nothing about a refusal changes: a
 * remembered token stops passing when it expires, and a copy with another signature is verified and
 * refused.
 */
@QuarkusTest
class TokenCacheTest {

  private static final String CHECKLIST = "/api/v1/checklist";
  private static final Pattern HITS =
      Pattern.compile("vigil_oidc_token_cache_lookups_total\\{[^}]*result=\"hit\"[^}]*} ([0-9.]+)");

  @Test
  void shouldVerifyARepeatedTokenOnceAndServeItsNextCallsFromMemory() {
    String token = caller().sign();
    double before = hits();

    for (int call = 0; call < 3; call++) {
      given().auth().oauth2(token).get(CHECKLIST).then().statusCode(200);
    }

    assertThat(hits() - before).isEqualTo(2);
  }

  @Test
  void shouldRefuseARememberedTokenOnceItHasExpired() {
    Instant expiry = Instant.now().plusSeconds(8);
    String token = caller().issuedAt(expiry.minusSeconds(68)).lifetimeSeconds(68).sign();
    given().auth().oauth2(token).get(CHECKLIST).then().statusCode(200);
    given().auth().oauth2(token).get(CHECKLIST).then().statusCode(200);

    // Served from memory until it expires; refused within 1.5 s after.
    await()
        .atMost(Duration.between(Instant.now(), expiry.plusMillis(1_500)))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .get(CHECKLIST)
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                    .body("detail", containsString("the token has expired")));
  }

  @Test
  void shouldVerifyAndRefuseARememberedTokenWithAnotherSignature() {
    String token = caller().sign();
    given().auth().oauth2(token).get(CHECKLIST).then().statusCode(200);

    int signature = token.lastIndexOf('.') + 5;
    char flipped = token.charAt(signature) == 'A' ? 'B' : 'A';
    String forged = token.substring(0, signature) + flipped + token.substring(signature + 1);

    given().auth().oauth2(forged).get(CHECKLIST).then().statusCode(401);
    given().auth().oauth2(token).get(CHECKLIST).then().statusCode(200);
  }

  private static EntraTokens caller() {
    return EntraIdTestResource.tokens().user("cache-" + UUID.randomUUID(), "Vigil.Auditor");
  }

  private static double hits() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    System.err.println(
        "METRICS " + metrics.lines().filter(l -> l.contains("token_cache")).toList());
    Matcher hit = HITS.matcher(metrics);
    return hit.find() ? Double.parseDouble(hit.group(1)) : 0;
  }
}
