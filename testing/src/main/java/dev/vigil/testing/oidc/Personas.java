package dev.vigil.testing.oidc;

import java.util.List;

/**
 * Signed tokens of the people Vigil's tests act as, from the test issuer ({@link
 * EntraIdTestResource}): one name per role, so audit events and assertions name the same people in
 * every module.
 */
public final class Personas {

  /** The step-up authentication context services require by default ({@code c1}). */
  public static final String STEP_UP_CONTEXT = "c1";

  private Personas() {}

  /** Ada, an administrator (Vigil.Admin). */
  public static String admin() {
    return EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign();
  }

  /** Ada, whose token also carries the step-up authentication context. */
  public static String steppedUpAdmin() {
    return EntraIdTestResource.tokens()
        .user("ada", "Vigil.Admin")
        .claim("acrs", List.of(STEP_UP_CONTEXT))
        .sign();
  }

  /** Alice, an auditor (Vigil.Auditor): reads, never changes. */
  public static String auditor() {
    return EntraIdTestResource.tokens().user("alice", "Vigil.Auditor").sign();
  }

  /** Rita, an access reviewer (Vigil.Reviewer). */
  public static String reviewer() {
    return EntraIdTestResource.tokens().user("rita", "Vigil.Reviewer").sign();
  }
}
