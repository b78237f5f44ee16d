package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessRule;
import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.AccessSnapshot.SourcedAccount;
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
  public Check start(ReviewHistory reviews, AccessSettings settings, Instant now) {
    Labels drift = new Labels();
    return new Check() {
      @Override
      public void account(SourcedAccount a) {
        if (!a.account().enabled()) {
          return;
        }
        for (String role : a.account().roles()) {
          List<String> policy = settings.rolePolicies().get(role);
          if (policy != null && !allowed(a.account(), policy)) {
            drift.add(a.label() + ": " + role);
          }
        }
      }

      @Override
      public RuleResult result(AccessSnapshot headers) {
        return headers.isEmpty()
            ? RuleResult.unknown(CONTROL, "no source has been synced yet")
            : decide(drift, reviews, settings, now);
      }
    };
  }

  private static RuleResult decide(
      Labels drift, ReviewHistory reviews, AccessSettings settings, Instant now) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("rolePolicies", settings.rolePolicies().keySet().stream().sorted().toList());
    facts.put("drift", drift.kept());
    facts.put("driftCount", drift.count());
    if (!drift.isEmpty()) {
      problems.add("role drift: " + drift.names());
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
