package dev.vigil.common.security;

/** The Entra ID app roles Vigil's API knows, as they appear in the token's {@code roles} claim. */
public final class Roles {

  /** Full control. */
  public static final String ADMIN = "Vigil.Admin";

  /** Read-only, including the audit log. */
  public static final String AUDITOR = "Vigil.Auditor";

  /** Access-review decisions. */
  public static final String REVIEWER = "Vigil.Reviewer";

  /** Machine callers (the platform, other services). */
  public static final String SERVICE = "Vigil.Service";

  private Roles() {}
}
