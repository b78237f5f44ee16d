package dev.vigil.access.controls.rules;

import static dev.vigil.access.controls.rules.Fixtures.NOW;
import static dev.vigil.access.controls.rules.Fixtures.member;
import static dev.vigil.access.controls.rules.Fixtures.platform;
import static dev.vigil.access.controls.rules.Fixtures.reviewed;
import static dev.vigil.access.controls.rules.Fixtures.withSignIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewHistory.CompletedReview;
import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.Account;
import dev.vigil.access.snapshot.SignIn;
import dev.vigil.common.compliance.ControlStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MembersReviewRuleTest {

  private final MembersReviewRule rule = new MembersReviewRule();
  private static final Set<String> BOTH = Set.of("platform/ada", "platform/bob");

  private RuleResult check(AccessSnapshot snapshot, ReviewHistory reviews) {
    return rule.check(snapshot, reviews, AccessSettings.defaults(), NOW);
  }

  @Test
  void shouldPassWithARecentCompleteReviewAndNoInactiveAccounts() {
    RuleResult result =
        check(
            platform(member("ada"), member("bob")),
            reviewed(ReviewScope.MEMBERS, Duration.ofDays(10), BOTH));
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldFailWithoutARecentReviewOrOneThatMissedAMember() {
    var snapshot = platform(member("ada"), member("bob"));
    assertThat(check(snapshot, ReviewHistory.none()).evidence().summary())
        .contains("no members review has been completed");
    assertThat(
            check(snapshot, reviewed(ReviewScope.MEMBERS, Duration.ofDays(100), BOTH))
                .evidence()
                .summary())
        .contains("more than 92 days ago");
    RuleResult partial =
        check(snapshot, reviewed(ReviewScope.MEMBERS, Duration.ofDays(5), Set.of("platform/ada")));
    assertThat(partial.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(partial.evidence().summary()).contains("did not cover platform/bob");
  }

  @Test
  void shouldFailOnUnverifiedRevocationsAndInactiveEnabledAccounts() {
    var unverified =
        new ReviewHistory(
            List.of(
                new CompletedReview(
                    "c-2",
                    ReviewScope.MEMBERS,
                    NOW.minus(Duration.ofDays(20)),
                    NOW.minus(Duration.ofDays(6)),
                    BOTH,
                    List.of("platform/carl"))));
    assertThat(check(platform(member("ada"), member("bob")), unverified).evidence().summary())
        .contains("revocations not yet verified: platform/carl");
    var stale = withSignIn(member("bob"), SignIn.at(NOW.minus(Duration.ofDays(91))));
    RuleResult inactive =
        check(
            platform(member("ada"), stale),
            reviewed(ReviewScope.MEMBERS, Duration.ofDays(1), BOTH));
    assertThat(inactive.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(inactive.evidence().summary())
        .contains("inactive for more than 90 days: platform/bob");
  }

  @Test
  void shouldCountEveryInactiveAccountButKeepBoundedEvidence() {
    List<Account> stale =
        IntStream.range(0, Labels.KEPT + 30)
            .mapToObj(i -> withSignIn(member("m" + i), SignIn.at(NOW.minus(Duration.ofDays(200)))))
            .toList();
    RuleResult result =
        check(
            platform(stale.toArray(Account[]::new)),
            reviewed(ReviewScope.MEMBERS, Duration.ofDays(1), Set.of()));

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.evidence().facts())
        .containsEntry("inactiveEnabledCount", Labels.KEPT + 30)
        .containsEntry("enabledAccounts", Labels.KEPT + 30);
    assertThat((List<?>) result.evidence().facts().get("inactiveEnabled")).hasSize(Labels.KEPT);
    assertThat(result.evidence().summary())
        .contains((Labels.KEPT + 30) + " enabled accounts inactive")
        .contains("and " + (Labels.KEPT + 25) + " more");
  }

  @Test
  void shouldNotCallUnknownActivityInactive() {
    var unknown = withSignIn(member("bob"), SignIn.UNKNOWN);
    RuleResult result =
        check(
            platform(member("ada"), unknown),
            reviewed(ReviewScope.MEMBERS, Duration.ofDays(1), BOTH));
    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.evidence().facts()).containsEntry("activityUnknown", 1);
    assertThat(result.evidence().facts().get("inactiveEnabled")).isEqualTo(List.of());
  }

  @Test
  void shouldBeUnknownWithoutData() {
    assertThat(check(AccessSnapshot.of(), ReviewHistory.none()).status())
        .isEqualTo(ControlStatus.UNKNOWN);
  }
}
