package dev.vigil.access.controls.rules;

import static dev.vigil.access.controls.rules.Fixtures.NOW;
import static dev.vigil.access.controls.rules.Fixtures.admin;
import static dev.vigil.access.controls.rules.Fixtures.member;
import static dev.vigil.access.controls.rules.Fixtures.platform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.common.compliance.ControlStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminMfaRuleTest {

  private final AdminMfaRule rule = new AdminMfaRule();

  private RuleResult check(AccessSnapshot snapshot) {
    return rule.check(snapshot, ReviewHistory.none(), AccessSettings.defaults(), NOW);
  }

  @Test
  void shouldPassWhenEveryAdminHasMfaRegisteredAndEnforcedNamingThePolicy() {
    RuleResult result = check(platform(admin("ada", true, true, "Require MFA for admins")));
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    @SuppressWarnings("unchecked")
    var rows = (List<Map<String, Object>>) result.evidence().facts().get("admins");
    assertThat(rows.get(0))
        .containsEntry("mfaRegistered", true)
        .containsEntry("mfaEnforced", true)
        .containsEntry("enforcedBy", "Require MFA for admins");
  }

  @Test
  void shouldFailNamingTheAdminRegisteredButNotEnforcedAndTheReverse() {
    RuleResult notEnforced = check(platform(admin("ada", true, false, null), member("bob")));
    assertThat(notEnforced.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(notEnforced.evidence().summary())
        .contains("platform/ada (registered but not enforced)")
        .doesNotContain("bob");
    RuleResult notRegistered = check(platform(admin("eve", false, true, "CA policy")));
    assertThat(notRegistered.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(notRegistered.evidence().summary())
        .contains("platform/eve (enforced but not registered)");
  }

  @Test
  void shouldBeUnknownWithoutAdminsOrMfaData() {
    assertThat(check(platform(member("bob"))).status()).isEqualTo(ControlStatus.UNKNOWN);
    assertThat(check(platform(admin("ada", null, null, null))).status())
        .isEqualTo(ControlStatus.UNKNOWN);
  }
}
