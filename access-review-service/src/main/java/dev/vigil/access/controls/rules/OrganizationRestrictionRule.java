package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessRule;
import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.AccessSnapshot.SourcedAccount;
import dev.vigil.access.snapshot.Account;
import dev.vigil.common.compliance.ControlStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ACC-03: every enabled member matching a restriction rule (a userType such as Guest, or an id
 * pattern such as contractors' domain) has at least one organization restriction.
 */
public final class OrganizationRestrictionRule implements AccessRule {

  static final String CONTROL = "ACC-03";

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public Check start(ReviewHistory reviews, AccessSettings settings, Instant now) {
    Labels missing = new Labels();
    int[] matching = {0};
    return new Check() {
      @Override
      public void account(SourcedAccount a) {
        if (a.account().enabled() && mustBeRestricted(a.account(), settings)) {
          matching[0]++;
          if (a.account().organizations().isEmpty()) {
            missing.add(a.label());
          }
        }
      }

      @Override
      public RuleResult result(AccessSnapshot headers) {
        return headers.isEmpty()
            ? RuleResult.unknown(CONTROL, "no source has been synced yet")
            : decide(matching[0], missing);
      }
    };
  }

  private static RuleResult decide(int matching, Labels missing) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("matchingRestrictionRules", matching);
    facts.put("withoutRestriction", missing.kept());
    facts.put("withoutRestrictionCount", missing.count());
    if (!missing.isEmpty()) {
      return RuleResult.of(
          CONTROL,
          ControlStatus.FAIL,
          "No organization restriction on " + missing.names() + ".",
          facts);
    }
    return RuleResult.of(
        CONTROL,
        ControlStatus.PASS,
        matching + " members match a restriction rule and all are restricted.",
        facts);
  }

  /** Whether a restriction rule matches the account. */
  public static boolean mustBeRestricted(Account account, AccessSettings settings) {
    if (account.userType() != null && settings.restrictedUserTypes().contains(account.userType())) {
      return true;
    }
    return settings.restrictedIdPatterns().stream()
        .anyMatch(p -> p.matcher(account.id()).matches());
  }
}
