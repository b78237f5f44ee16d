package dev.vigil.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {

  private static JwtClaims claims() {
    JwtClaims claims = new JwtClaims();
    claims.setClaim("oid", "0b6f3c1e-5a4d-4c2b-9e8f-7a6b5c4d3e2f");
    claims.setClaim("tid", "8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21");
    claims.setClaim("ver", "2.0");
    claims.setStringListClaim("acrs", List.of("c1", "c2"));
    return claims;
  }

  @Test
  void shouldReadEntraClaimsFromTheOidcPrincipal() {
    JsonWebToken token =
        new OidcJwtCallerPrincipal(claims(), new AccessTokenCredential("not-a-real-token"));

    assertThat(TokenClaims.text(token, "oid")).isEqualTo("0b6f3c1e-5a4d-4c2b-9e8f-7a6b5c4d3e2f");
    assertThat(TokenClaims.text(token, "ver")).isEqualTo("2.0");
    assertThat(TokenClaims.value(token, "acrs"))
        .isInstanceOfSatisfying(
            JsonArray.class,
            acrs ->
                assertThat(acrs.getValuesAs(JsonString::getString)).containsExactly("c1", "c2"));
    assertThat(TokenClaims.value(token, "idtyp")).isNull();
    assertThat(TokenClaims.text(token, "idtyp")).isNull();
  }

  @Test
  void shouldFallBackToTheStandardApiForOtherPrincipals() {
    JsonWebToken token = new DefaultJWTCallerPrincipal(claims());

    assertThat(TokenClaims.text(token, "tid")).isEqualTo("8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21");
    assertThat(TokenClaims.value(token, "missing")).isNull();
  }
}
