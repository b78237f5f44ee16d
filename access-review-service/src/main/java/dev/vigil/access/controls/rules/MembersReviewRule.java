package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessRule;
import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewHistory.CompletedReview;
import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.AccessSnapshot.SourcedAccount;
import dev.vigil.common.compliance.ControlStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ACC-01: a members review closed within the allowed age, covered every member that existed when it
 * started, and all its revocations were verified by a later sync; and no enabled account is known
 * to be inactive beyond the threshold. Accounts whose activity the source cannot report (Entra ID
 * without P1) are counted apart and turn a pass into a WARN, never into "inactive".
 */
public final class MembersReviewRule implements AccessRule {

  static final String CONTROL = "ACC-01";

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
    List<SourcedAccount> enabled = snapshot.accounts().filter(a -> a.account().enabled()).toList();
    List<String> inactive = new ArrayList<>();
    List<String> activityUnknown = new ArrayList<>();
    for (SourcedAccount a : enabled) {
      if (!a.account().lastSignIn().known()) {
        activityUnknown.add(a.label());
      } else if (a.account()
          .lastSignIn()
          .inactiveFor(settings.inactivity(), a.account().createdAt(), now)) {
        inactive.add(a.label());
      }
    }
    facts.put("enabledAccounts", enabled.size());
    facts.put("inactiveThresholdDays", settings.inactivity().toDays());
    facts.put("inactiveEnabled", inactive);
    facts.put("activityUnknown", activityUnknown.size());
    if (!inactive.isEmpty()) {
      problems.add(
          inactive.size()
              + " enabled accounts inactive for more than "
              + settings.inactivity().toDays()
              + " days: "
              + Admins.names(inactive));
    }
    Optional<CompletedReview> review =
        Reviews.recent(reviews, ReviewScope.MEMBERS, settings, now, problems, facts);
    review.ifPresent(r -> checkReview(r, snapshot, problems, facts));
    if (!problems.isEmpty()) {
      return RuleResult.of(CONTROL, ControlStatus.FAIL, String.join("; ", problems) + ".", facts);
    }
    if (!activityUnknown.isEmpty()) {
      return RuleResult.of(
          CONTROL,
          ControlStatus.WARN,
          "Members reviewed; the source cannot report sign-in activity for "
              + activityUnknown.size()
              + " accounts, so their inactivity is unknown.",
          facts);
    }
    return RuleResult.of(
        CONTROL,
        ControlStatus.PASS,
        "Members review covered all "
            + enabled.size()
            + " enabled accounts, its revocations are verified and none is inactive.",
        facts);
  }

  private static void checkReview(
      CompletedReview review,
      AccessSnapshot snapshot,
      List<String> problems,
      Map<String, Object> facts) {
    List<String> uncovered =
        snapshot
            .accounts()
            .filter(a -> a.account().enabled())
            .filter(
                a ->
                    a.account().createdAt() == null
                        || review.startedAt() == null
                        || a.account().createdAt().isBefore(review.startedAt()))
            .filter(a -> !review.covered().contains(a.source().source() + "/" + a.account().id()))
            .map(SourcedAccount::label)
            .toList();
    facts.put("notCoveredByReview", uncovered);
    facts.put("unverifiedRevocations", review.unverifiedRevocations());
    if (!uncovered.isEmpty()) {
      problems.add("the last members review did not cover " + Admins.names(uncovered));
    }
    if (!review.unverifiedRevocations().isEmpty()) {
      problems.add("revocations not yet verified: " + Admins.names(review.unverifiedRevocations()));
    }
  }
}
