package dev.vigil.access.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One account as a source reported it.
 *
 * @param id the source's id for it (Entra object id or platform member id)
 * @param displayName a name for people, or null
 * @param userType e.g. Member or Guest, or null
 * @param enabled whether it can sign in
 * @param createdAt when it was created, or null when not reported
 * @param lastSignIn when it last signed in or was active
 * @param roles role names (platform roles or Entra app role values)
 * @param organizations organization restrictions; empty means unrestricted
 * @param mfaRegistered whether an MFA method is registered, null when not reported
 * @param mfaEnforced whether a policy enforces MFA for it, null when not reported
 * @param mfaPolicy the policy enforcing it (a Conditional Access policy name or "platform")
 * @param managerId the account id of its manager, or null
 */
public record Account(
    String id,
    String displayName,
    String userType,
    boolean enabled,
    Instant createdAt,
    SignIn lastSignIn,
    List<String> roles,
    List<String> organizations,
    Boolean mfaRegistered,
    Boolean mfaEnforced,
    String mfaPolicy,
    String managerId) {

  public Account {
    Objects.requireNonNull(id, "id");
    lastSignIn = lastSignIn == null ? SignIn.UNKNOWN : lastSignIn;
    roles = roles == null ? List.of() : List.copyOf(roles);
    organizations = organizations == null ? List.of() : List.copyOf(organizations);
  }

  /** Whether it holds any of the roles. */
  public boolean hasAnyRole(List<String> names) {
    return roles.stream().anyMatch(names::contains);
  }

  /** The id, with the display name when there is one, for evidence. */
  public String label() {
    return displayName == null || displayName.isBlank() || displayName.equals(id)
        ? id
        : displayName + " (" + id + ")";
  }
}
