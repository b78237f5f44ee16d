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
import java.util.List;
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
  public RuleResult check(
      AccessSnapshot snapshot, ReviewHistory reviews, AccessSettings settings, Instant now) {
    if (snapshot.isEmpty()) {
      return RuleResult.unknown(CONTROL, "no source has been synced yet");
    }
    List<SourcedAccount> restricted =
        snapshot
            .accounts()
            .filter(a -> a.account().enabled() && mustBeRestricted(a.account(), settings))
            .toList();
    List<String> missing =
        restricted.stream()
            .filter(a -> a.account().organizations().isEmpty())
            .map(SourcedAccount::label)
            .toList();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("matchingRestrictionRules", restricted.size());
    facts.put("withoutRestriction", missing);
    if (!missing.isEmpty()) {
      return RuleResult.of(
          CONTROL,
          ControlStatus.FAIL,
          "No organization restriction on " + Admins.names(missing) + ".",
          facts);
    }
    return RuleResult.of(
        CONTROL,
        ControlStatus.PASS,
        restricted.size() + " members match a restriction rule and all are restricted.",
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
