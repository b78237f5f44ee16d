package dev.vigil.common.security;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads claims of a validated token. {@link JsonWebToken#getClaim} looks every name up in the
 * standard claims enum first and pays for a thrown exception on each non-standard one ({@code oid},
 * {@code tid}, {@code azp}...); on the gateway's path that was an eighth of its CPU. The
 * quarkus-oidc principal exposes the parsed claims directly.
 */
public final class TokenClaims {

  private TokenClaims() {}

  /**
   * The claim's value: a String, Number or Boolean, a {@code jakarta.json} value for arrays and
   * objects, or null when the token does not carry it.
   */
  public static Object value(JsonWebToken token, String name) {
    if (token instanceof OidcJwtCallerPrincipal oidc) {
      return oidc.getClaims().getClaimValue(name);
    }
    return token.getClaim(name);
  }

  /** The claim as text, or null when the token does not carry it. */
  public static String text(JsonWebToken token, String name) {
    Object value = value(token, name);
    return value == null ? null : value.toString();
  }
}
