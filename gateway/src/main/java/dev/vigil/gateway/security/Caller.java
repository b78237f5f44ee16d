package dev.vigil.gateway.security;

import dev.vigil.common.security.TokenClaims;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who made a request, as records of attestations, exceptions and incidents name them.
 *
 * @param id the Entra ID object ID ({@code oid}), or the client application ({@code azp}) for app
 *     tokens
 * @param name a readable name ({@code preferred_username} or {@code name}), when the token has one
 * @param tenant the directory ({@code tid})
 */
public record Caller(String id, String name, String tenant) {

  public static Caller of(SecurityIdentity identity) {
    if (identity.getPrincipal() instanceof JsonWebToken token) {
      Object oid = TokenClaims.value(token, "oid");
      Object app = TokenClaims.value(token, "azp");
      Object username = TokenClaims.value(token, "preferred_username");
      Object displayName = TokenClaims.value(token, "name");
      Object tid = TokenClaims.value(token, "tid");
      return new Caller(
          text(oid != null ? oid : app),
          text(username != null ? username : displayName),
          text(tid));
    }
    return new Caller(identity.getPrincipal().getName(), null, null);
  }

  private static String text(Object claim) {
    return claim == null ? null : claim.toString();
  }
}
