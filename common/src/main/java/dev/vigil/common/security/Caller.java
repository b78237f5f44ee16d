package dev.vigil.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who made a request, as every service records it: the Entra ID identity of the token, never the
 * token itself.
 *
 * @param oid the Entra ID object ID of the user or service principal, when the token has one
 * @param azp the client application the token was issued to, when the token has one
 * @param tenant the directory ({@code tid})
 * @param name a readable name ({@code preferred_username} or {@code name}), when the token has one
 */
public record Caller(String oid, String azp, String tenant, String name) {

  public static Caller of(SecurityIdentity identity) {
    if (identity.getPrincipal() instanceof JsonWebToken token) {
      String username = TokenClaims.text(token, "preferred_username");
      return new Caller(
          TokenClaims.text(token, "oid"),
          TokenClaims.text(token, "azp"),
          TokenClaims.text(token, "tid"),
          username != null ? username : TokenClaims.text(token, "name"));
    }
    return new Caller(identity.getPrincipal().getName(), null, null, null);
  }

  /**
   * Whether an id (an Entra object id, or a platform member id such as an e-mail) is this caller:
   * nobody reviews or decides on their own access.
   */
  public boolean is(String id) {
    return id != null && (id.equals(oid) || (name != null && id.equalsIgnoreCase(name)));
  }

  /** The service itself, acting on its own schedule (retention, expiry): no token, no tenant. */
  public static Caller system(String service) {
    return new Caller(null, service, null, service);
  }

  /** Whether this is {@link #system}: a token always names its tenant. */
  public boolean isSystem() {
    return oid == null && tenant == null;
  }

  /** The caller's stable ID: the object ID, or the client application for app-only tokens. */
  public String id() {
    return oid != null ? oid : azp;
  }
}
