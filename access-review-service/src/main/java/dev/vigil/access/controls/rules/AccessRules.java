package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessRule;
import java.util.List;

/** Every control this service evaluates, one rule each. */
public final class AccessRules {

  public static final List<AccessRule> ALL =
      List.of(
          new AdminAccountRule(),
          new AdminMfaRule(),
          new MembersReviewRule(),
          new RoleReviewRule(),
          new OrganizationRestrictionRule(),
          new ApiKeyReviewRule());

  private AccessRules() {}
}
