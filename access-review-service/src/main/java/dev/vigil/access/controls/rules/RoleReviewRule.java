package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessRule;
import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.Account;
import dev.vigil.common.compliance.ControlStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ACC-02: a role review closed within the allowed age, and no enabled account holds a role its
 * policy does not allow it (drift). Without any role policy drift cannot be checked: WARN.
 */
public final class RoleReviewRule implements AccessRule {

  static final String CONTROL = "ACC-02";

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleResult check(
      AccessSnapshot snapshot, ReviewHistory reviews, AccessSettings settings, Instant now) {
    if (snapshot.isEmpty()) {
      return RuleResult.unknown(CONTROL, "no source has been synced yet");
    }
    List<String> problems = new ArrayList<>();
    Map<String, Object> facts = new LinkedHashMap<>();
    List<String> drift = drift(snapshot, settings);
    facts.put("rolePolicies", settings.rolePolicies().keySet().stream().sorted().toList());
    facts.put("drift", drift);
    if (!drift.isEmpty()) {
      problems.add("role drift: " + Admins.names(drift));
    }
    Reviews.recent(reviews, ReviewScope.ROLES, settings, now, problems, facts);
    if (!problems.isEmpty()) {
      return RuleResult.of(CONTROL, ControlStatus.FAIL, String.join("; ", problems) + ".", facts);
    }
    if (settings.rolePolicies().isEmpty()) {
      return RuleResult.of(
          CONTROL,
          ControlStatus.WARN,
          "Roles reviewed; no role policy is configured, so drift is not checked.",
          facts);
    }
    return RuleResult.of(
        CONTROL, ControlStatus.PASS, "Roles reviewed and no role breaks its policy.", facts);
  }

  /** {@code source/account: role} for every role held against its policy. */
  public static List<String> drift(AccessSnapshot snapshot, AccessSettings settings) {
    List<String> drift = new ArrayList<>();
    snapshot
        .accounts()
        .filter(a -> a.account().enabled())
        .forEach(
            a ->
                a.account().roles().stream()
                    .filter(role -> settings.rolePolicies().containsKey(role))
                    .filter(role -> !allowed(a.account(), settings.rolePolicies().get(role)))
                    .forEach(role -> drift.add(a.label() + ": " + role)));
    return drift;
  }

  /** Whether the account matches one of the policy's selectors. */
  public static boolean allowed(Account account, List<String> selectors) {
    for (String selector : selectors) {
      if (selector.startsWith("org:")
          && account.organizations().contains(selector.substring("org:".length()))) {
        return true;
      }
      if (selector.startsWith("account:")
          && account.id().equals(selector.substring("account:".length()))) {
        return true;
      }
    }
    return false;
  }
}
