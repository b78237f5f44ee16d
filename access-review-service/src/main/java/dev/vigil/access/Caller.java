package dev.vigil.access;

import dev.vigil.common.security.TokenClaims;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as Entra ID names them: object id, client application and tenant, recorded on
 * every decision and containment instead of a display name that can change.
 *
 * @param oid the caller's object id
 * @param azp the client application the token was issued to, or null
 * @param tid the caller's tenant, or null
 * @param username preferred_username, or null (app tokens)
 */
public record Caller(String oid, String azp, String tid, String username) {

  /**
   * @throws ForbiddenException when the token carries no oid
   */
  public static Caller of(SecurityIdentity identity) {
    if (identity != null && identity.getPrincipal() instanceof JsonWebToken token) {
      String oid = TokenClaims.text(token, "oid");
      if (oid != null && !oid.isBlank()) {
        return new Caller(
            oid,
            TokenClaims.text(token, "azp"),
            TokenClaims.text(token, "tid"),
            TokenClaims.text(token, "preferred_username"));
      }
    }
    throw new ForbiddenException("the token names no caller (no oid claim)");
  }

  /**
   * Whether the id (an Entra object id, or a platform member id such as an e-mail) is this caller.
   */
  public boolean is(String id) {
    return id != null && (id.equals(oid) || id.equalsIgnoreCase(username));
  }
}
