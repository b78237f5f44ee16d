package dev.vigil.access.controls.rules;

import static dev.vigil.access.controls.rules.Fixtures.NOW;
import static dev.vigil.access.controls.rules.Fixtures.key;
import static dev.vigil.access.controls.rules.Fixtures.member;
import static dev.vigil.access.controls.rules.Fixtures.platform;
import static dev.vigil.access.controls.rules.Fixtures.reviewed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.ApiKey;
import dev.vigil.access.snapshot.SignIn;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.snapshot.SourceSnapshot;
import dev.vigil.common.compliance.ControlStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyReviewRuleTest {

  private final ApiKeyReviewRule rule = new ApiKeyReviewRule();
  private static final ReviewHistory RECENT =
      reviewed(ReviewScope.API_KEYS, Duration.ofDays(30), Set.of());

  private RuleResult check(List<ApiKey> keys, ReviewHistory reviews) {
    return rule.check(
        platform(List.of(member("alice")), keys, null), reviews, AccessSettings.defaults(), NOW);
  }

  @Test
  void shouldPassWithUsedUnexpiredKeysAndARecentReview() {
    var used = key("k1", NOW.minus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(30)));
    var revoked =
        new ApiKey(
            "k2", null, "bob", List.of(), NOW.minus(Duration.ofDays(900)), null, null, false);
    assertThat(check(List.of(used, revoked), RECENT).status()).isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldFailOnExpiredOrUnusedActiveKeysNamingThem() {
    var expired = key("k3", NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(1)));
    var unused = key("k4", NOW.minus(Duration.ofDays(120)), null);
    var neverUsed = key("k5", null, null);
    RuleResult result = check(List.of(expired, unused, neverUsed), RECENT);
    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.evidence().summary())
        .contains("past their expiry: key k3 (k3)")
        .contains("key k4 (k4)")
        .contains("key k5 (k5)");
  }

  @Test
  void shouldFailWithoutARecentApiKeyReview() {
    var used = key("k1", NOW.minus(Duration.ofDays(2)), null);
    assertThat(check(List.of(used), ReviewHistory.none()).evidence().summary())
        .contains("no api-keys review");
  }

  @Test
  void shouldBeUnknownWithoutAPlatformSnapshot() {
    var entra =
        AccessSnapshot.of(
            new SourceSnapshot(
                "entra",
                SourceKind.ENTRA,
                NOW,
                true,
                List.of(Fixtures.withSignIn(member("a"), SignIn.NEVER)),
                List.of(),
                null));
    assertThat(rule.check(entra, RECENT, AccessSettings.defaults(), NOW).status())
        .isEqualTo(ControlStatus.UNKNOWN);
  }
}
