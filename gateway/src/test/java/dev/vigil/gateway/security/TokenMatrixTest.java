package dev.vigil.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.vigil.testing.oidc.EntraIdTestResource;
import dev.vigil.testing.oidc.EntraTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every kind of bad token is refused with the right status and a reason, never an echo. */
@QuarkusTest
class TokenMatrixTest {

  private static final String CHECKLIST = "/api/v1/checklist";
  private static final String OTHER_TENANT = "3e1f0c9a-7b2d-4a8e-b5c6-d7e8f9a0b1c2";

  @Test
  void shouldAcceptAValidTokenAsTheControlCase() {
    given().auth().oauth2(admin().sign()).get(CHECKLIST).then().statusCode(200);
  }

  @Test
  void shouldRefuseAnExpiredToken() {
    refused(
        () -> admin().issuedAt(Instant.now().minusSeconds(7200)).lifetimeSeconds(3600).sign(),
        401,
        "the token has expired");
  }

  @Test
  void shouldRefuseATokenNotValidYet() {
    refused(() -> admin().issuedAt(Instant.now().plusSeconds(3600)).sign(), 401, "not valid yet");
  }

  @Test
  void shouldRefuseATokenFromAnotherIssuer() {
    refused(
        () ->
            admin()
                .claim("iss", "https://login.microsoftonline.com/" + OTHER_TENANT + "/v2.0")
                .sign(),
        401,
        "another issuer");
  }

  @Test
  void shouldRefuseATokenForAnotherAudience() {
    refused(() -> admin().claim("aud", "api://another-app").sign(), 401, "another audience");
  }

  @Test
  void shouldRefuseATokenOfATenantNotOnTheAllowList() {
    refused(() -> admin().claim("tid", OTHER_TENANT).sign(), 401, "tenant is not allowed");
  }

  @Test
  void shouldRefuseATokenWithABadSignature() {
    refused(
        () -> {
          String token = admin().sign();
          int signature = token.lastIndexOf('.') + 5;
          char flipped = token.charAt(signature) == 'A' ? 'B' : 'A';
          return token.substring(0, signature) + flipped + token.substring(signature + 1);
        },
        401,
        "The access token was refused");
  }

  @Test
  void shouldRefuseAnUnsignedAlgNoneToken() {
    refused(() -> admin().signNone(), 401, "The access token was refused");
  }

  @Test
  void shouldRefuseAnHs256TokenKeyedWithThePublicKey() {
    refused(() -> admin().signHs256WithPublicKey(), 401, "The access token was refused");
  }

  @Test
  void shouldRefetchTheKeysOnceForAnUnknownKeyIdAndStillRefuseIt() {
    int before = EntraIdTestResource.issuer().jwksRequests();
    refused(
        () -> admin().signWithUnpublishedKey("rotated-" + before),
        401,
        "The access token was refused");
    int after = EntraIdTestResource.issuer().jwksRequests();
    assertThat(after).as("JWKS fetched again for an unknown kid").isGreaterThan(before);
    // Rate limited: a flood of unknown key ids does not turn into a flood of JWKS requests.
    for (int i = 0; i < 5; i++) {
      refused(
          () -> admin().signWithUnpublishedKey("flood-" + System.nanoTime()),
          401,
          "The access token was refused");
    }
    assertThat(EntraIdTestResource.issuer().jwksRequests()).isLessThanOrEqualTo(after + 1);
  }

  @Test
  void shouldRefuseAMicrosoftGraphToken() {
    refused(
        () -> admin().claim("aud", "00000003-0000-0000-c000-000000000000").sign(),
        401,
        "another audience");
  }

  @Test
  void shouldRefuseAVersion1Token() {
    refused(() -> admin().claim("ver", "1.0").sign(), 401, "only Entra ID v2.0");
  }

  @Test
  void shouldRefuseATokenWithoutAVigilRole() {
    refused(() -> EntraIdTestResource.tokens().user("eve").sign(), 403, "app roles do not allow");
  }

  @Test
  void shouldChallengeASensitiveRouteWithoutStepUp() {
    String body = "{\"controlId\":\"AUTH-01\",\"note\":\"password policy checked\"}";
    for (String token :
        new String[] {admin().sign(), admin().claim("acrs", java.util.List.of("c9")).sign()}) {
      given()
          .auth()
          .oauth2(token)
          .contentType("application/json")
          .body(body)
          .post("/api/v1/checklist/attestations")
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .header("WWW-Authenticate", containsString("error=\"insufficient_claims\""))
          .header("WWW-Authenticate", containsString("claims=\""))
          .body("detail", containsString("step-up"));
    }
  }

  private static EntraTokens admin() {
    return EntraIdTestResource.tokens().user("ada", "Vigil.Admin");
  }

  /**
   * @param why what the problem's detail must say (a fixed reason, never token content)
   */
  private static void refused(Supplier<String> token, int status, String why) {
    String bad = token.get();
    given()
        .auth()
        .oauth2(bad)
        .get(CHECKLIST)
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .header(
            "WWW-Authenticate",
            containsString(
                status == 401 ? "error=\"invalid_token\"" : "error=\"insufficient_scope\""))
        .body("detail", containsString(why))
        .body(not(containsString(bad)))
        .body(not(containsString(bad.split("[.]")[1])));
  }
}
