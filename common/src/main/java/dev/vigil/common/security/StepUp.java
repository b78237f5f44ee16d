package dev.vigil.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Step-up for sensitive operations (key export, emergency rotation, restore, revocation): the
 * token's {@code acrs} claim must name the authentication context the operator configured (in Entra
 * ID, a Conditional Access authentication context that requires MFA). Fails closed: no claim,
 * another context or a token that is not a JWT are all refused.
 */
@ApplicationScoped
public class StepUp {

  private final EntraIdConfig config;

  StepUp(EntraIdConfig config) {
    this.config = config;
  }

  /**
   * @throws WebApplicationException 401 with an Entra ID claims challenge naming the required
   *     context, so the client can get a new token that satisfies it
   */
  public void require(SecurityIdentity identity) {
    String required = config.stepUpContext();
    if (identity != null
        && identity.getPrincipal() instanceof JsonWebToken token
        && contains(TokenClaims.value(token, "acrs"), required)) {
      return;
    }
    String claims =
        "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"" + required + "\"}}}";
    String challenge =
        "Bearer error=\"insufficient_claims\", error_description=\"this operation needs step-up"
            + " authentication context "
            + required
            + "\", claims=\""
            + Base64.getEncoder().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
            + "\"";
    throw new WebApplicationException(
        "this operation needs step-up: a token whose acrs claim includes " + required,
        Response.status(Response.Status.UNAUTHORIZED)
            .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
            .build());
  }

  private static boolean contains(Object claim, String required) {
    if (claim instanceof JsonArray array) {
      return array.stream()
          .anyMatch(v -> v instanceof JsonString s && s.getString().equals(required));
    }
    if (claim instanceof Iterable<?> values) {
      for (Object value : values) {
        if (required.equals(String.valueOf(value))) {
          return true;
        }
      }
    }
    return claim instanceof String single && single.equals(required);
  }
}
