package dev.vigil.access.controls.rules;

import static dev.vigil.access.controls.rules.Fixtures.NOW;
import static dev.vigil.access.controls.rules.Fixtures.member;
import static dev.vigil.access.controls.rules.Fixtures.platform;
import static dev.vigil.access.controls.rules.Fixtures.reviewed;
import static dev.vigil.access.controls.rules.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.common.compliance.ControlStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleReviewRuleTest {

  private final RoleReviewRule rule = new RoleReviewRule();
  private static final ReviewHistory RECENT =
      reviewed(ReviewScope.ROLES, Duration.ofDays(3), Set.of());

  private static AccessSettings ownersOnlyInPlatformTeam() {
    AccessSettings d = AccessSettings.defaults();
    return new AccessSettings(
        d.adminRoles(),
        d.maxAdmins(),
        d.inactivity(),
        d.apiKeyUnused(),
        d.reviewMaxAge(),
        d.passwordMinLength(),
        d.passwordRequireMixed(),
        d.restrictedUserTypes(),
        d.restrictedIdPatterns(),
        Map.of("owner", List.of("org:platform-team", "account:root")));
  }

  private RuleResult check(AccessSnapshot snapshot, ReviewHistory reviews) {
    return rule.check(snapshot, reviews, ownersOnlyInPlatformTeam(), NOW);
  }

  @Test
  void shouldPassWithARecentRoleReviewAndNoDrift() {
    var owner = with(member("ada"), "Member", List.of("owner"), List.of("platform-team"));
    var root = with(member("root"), "Member", List.of("owner"), List.of());
    assertThat(check(platform(owner, root, member("bob")), RECENT).status())
        .isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldFailOnDriftNamingAccountAndRole() {
    var drifted = with(member("eve"), "Member", List.of("owner"), List.of("sales"));
    RuleResult result = check(platform(drifted), RECENT);
    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.evidence().summary()).contains("role drift: platform/eve: owner");
  }

  @Test
  void shouldFailWithoutARecentRoleReview() {
    assertThat(check(platform(member("bob")), ReviewHistory.none()).status())
        .isEqualTo(ControlStatus.FAIL);
    assertThat(
            check(
                    platform(member("bob")),
                    reviewed(ReviewScope.ROLES, Duration.ofDays(93), Set.of()))
                .status())
        .isEqualTo(ControlStatus.FAIL);
  }

  @Test
  void shouldWarnWhenNoPolicyIsConfigured() {
    assertThat(rule.check(platform(member("bob")), RECENT, AccessSettings.defaults(), NOW).status())
        .isEqualTo(ControlStatus.WARN);
  }
}
