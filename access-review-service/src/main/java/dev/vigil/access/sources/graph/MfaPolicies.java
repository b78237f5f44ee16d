package dev.vigil.access.sources.graph;

import dev.vigil.access.sources.graph.GraphModels.ConditionalAccessPolicy;
import dev.vigil.access.sources.graph.GraphModels.Users;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which enabled Conditional Access policies require MFA (the built-in {@code mfa} grant or an
 * authentication strength) for the platform's application, and for whom. Report-only policies do
 * not count. Policies targeting directory roles are not resolved: a user they might cover, and no
 * other policy does, is reported as unknown rather than unenforced.
 */
final class MfaPolicies {

  /** The result for one user: enforced true/false/null (unknown) and the enforcing policy. */
  record Enforcement(Boolean enforced, String policy) {}

  private final List<ConditionalAccessPolicy> requiringMfa;
  private final Function<String, Set<String>> groupMembers;

  MfaPolicies(
      List<ConditionalAccessPolicy> policies,
      String platformAppId,
      Function<String, Set<String>> groupMembers) {
    this.groupMembers = groupMembers;
    this.requiringMfa =
        policies.stream()
            .filter(p -> "enabled".equals(p.state()))
            .filter(MfaPolicies::requiresMfa)
            .filter(p -> coversApp(p, platformAppId))
            .toList();
  }

  /** False when no enabled policy requires MFA for the platform: nobody is enforced by one. */
  boolean decidesPerUser() {
    return !requiringMfa.isEmpty();
  }

  Enforcement enforcement(String userId) {
    boolean maybeByRole = false;
    for (ConditionalAccessPolicy policy : requiringMfa) {
      Users users = policy.conditions() == null ? null : policy.conditions().users();
      if (users == null || excluded(users, userId)) {
        continue;
      }
      if (contains(users.includeUsers(), "All")
          || contains(users.includeUsers(), userId)
          || inAnyGroup(users.includeGroups(), userId)) {
        return new Enforcement(true, policy.displayName());
      }
      if (users.includeRoles() != null && !users.includeRoles().isEmpty()) {
        maybeByRole = true;
      }
    }
    return new Enforcement(maybeByRole ? null : false, null);
  }

  private boolean excluded(Users users, String userId) {
    return contains(users.excludeUsers(), userId) || inAnyGroup(users.excludeGroups(), userId);
  }

  private boolean inAnyGroup(List<String> groups, String userId) {
    return groups != null && groups.stream().anyMatch(g -> groupMembers.apply(g).contains(userId));
  }

  private static boolean requiresMfa(ConditionalAccessPolicy p) {
    if (p.grantControls() == null) {
      return false;
    }
    return contains(p.grantControls().builtInControls(), "mfa")
        || p.grantControls().authenticationStrength() != null;
  }

  private static boolean coversApp(ConditionalAccessPolicy p, String appId) {
    if (p.conditions() == null || p.conditions().applications() == null) {
      return false;
    }
    var apps = p.conditions().applications();
    if (contains(apps.excludeApplications(), appId)) {
      return false;
    }
    return contains(apps.includeApplications(), "All")
        || (appId != null && contains(apps.includeApplications(), appId));
  }

  private static boolean contains(List<String> values, String value) {
    return values != null && values.contains(value);
  }
}
