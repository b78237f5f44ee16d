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
  public Check start(ReviewHistory reviews, AccessSettings settings, Instant now) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> facts = new LinkedHashMap<>();
    Optional<CompletedReview> review =
        Reviews.recent(reviews, ReviewScope.MEMBERS, settings, now, problems, facts);
    Tally tally = new Tally();
    return new Check() {
      @Override
      public void account(SourcedAccount a) {
        if (a.account().enabled()) {
          tally.enabled(a, review, settings, now);
        }
      }

      @Override
      public RuleResult result(AccessSnapshot headers) {
        return headers.isEmpty()
            ? RuleResult.unknown(CONTROL, "no source has been synced yet")
            : decide(tally, review, settings, problems, facts);
      }
    };
  }

  /** What the pass over the enabled accounts found. */
  private static final class Tally {
    int enabled;
    int activityUnknown;
    final Labels inactive = new Labels();
    final Labels uncovered = new Labels();

    void enabled(
        SourcedAccount a, Optional<CompletedReview> review, AccessSettings settings, Instant now) {
      enabled++;
      if (!a.account().lastSignIn().known()) {
        activityUnknown++;
      } else if (a.account()
          .lastSignIn()
          .inactiveFor(settings.inactivity(), a.account().createdAt(), now)) {
        inactive.add(a.label());
      }
      review
          .filter(r -> existedAtStart(a, r) && !covers(r, a))
          .ifPresent(r -> uncovered.add(a.label()));
    }

    private static boolean existedAtStart(SourcedAccount a, CompletedReview review) {
      return a.account().createdAt() == null
          || review.startedAt() == null
          || a.account().createdAt().isBefore(review.startedAt());
    }

    private static boolean covers(CompletedReview review, SourcedAccount a) {
      return review.covered().contains(a.source().source() + "/" + a.account().id());
    }
  }

  private static RuleResult decide(
      Tally tally,
      Optional<CompletedReview> review,
      AccessSettings settings,
      List<String> problems,
      Map<String, Object> facts) {
    facts.put("enabledAccounts", tally.enabled);
    facts.put("inactiveThresholdDays", settings.inactivity().toDays());
    facts.put("inactiveEnabled", tally.inactive.kept());
    facts.put("inactiveEnabledCount", tally.inactive.count());
    facts.put("activityUnknown", tally.activityUnknown);
    if (!tally.inactive.isEmpty()) {
      problems.add(
          tally.inactive.count()
              + " enabled accounts inactive for more than "
              + settings.inactivity().toDays()
              + " days: "
              + tally.inactive.names());
    }
    review.ifPresent(
        r -> {
          facts.put("notCoveredByReview", tally.uncovered.kept());
          facts.put("notCoveredByReviewCount", tally.uncovered.count());
          facts.put("unverifiedRevocations", r.unverifiedRevocations());
          if (!tally.uncovered.isEmpty()) {
            problems.add("the last members review did not cover " + tally.uncovered.names());
          }
          if (!r.unverifiedRevocations().isEmpty()) {
            problems.add(
                "revocations not yet verified: " + Admins.names(r.unverifiedRevocations()));
          }
        });
    if (!problems.isEmpty()) {
      return RuleResult.of(CONTROL, ControlStatus.FAIL, String.join("; ", problems) + ".", facts);
    }
    if (tally.activityUnknown > 0) {
      return RuleResult.of(
          CONTROL,
          ControlStatus.WARN,
          "Members reviewed; the source cannot report sign-in activity for "
              + tally.activityUnknown
              + " accounts, so their inactivity is unknown.",
          facts);
    }
    return RuleResult.of(
        CONTROL,
        ControlStatus.PASS,
        "Members review covered all "
            + tally.enabled
            + " enabled accounts, its revocations are verified and none is inactive.",
        facts);
  }
}
