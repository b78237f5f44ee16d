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
import dev.vigil.access.snapshot.PasswordPolicy;
import dev.vigil.common.compliance.ControlStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminAccountRuleTest {

  private final AdminAccountRule rule = new AdminAccountRule();

  private RuleResult check(AccessSnapshot snapshot) {
    return rule.check(snapshot, ReviewHistory.none(), AccessSettings.defaults(), NOW);
  }

  @Test
  void shouldPassWithFewAdminsAndAStrongPolicyOrSsoOnly() {
    var admins = List.of(admin("ada", true, true, "p"), member("bob"));
    assertThat(
            check(platform(admins, List.of(), new PasswordPolicy(false, 14, true, null))).status())
        .isEqualTo(ControlStatus.PASS);
    assertThat(
            check(platform(admins, List.of(), new PasswordPolicy(true, null, null, null))).status())
        .isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldFailWithoutAdminsTooManyAdminsOrAWeakPolicy() {
    assertThat(check(platform(member("bob"))).evidence().summary()).contains("no enabled admin");
    var six =
        List.of("a", "b", "c", "d", "e", "f").stream().map(n -> admin(n, true, true, "p")).toList();
    RuleResult tooMany = check(platform(six, List.of(), null));
    assertThat(tooMany.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(tooMany.evidence().summary()).contains("more than the maximum of 5");
    RuleResult weak =
        check(
            platform(
                List.of(admin("ada", true, true, "p")),
                List.of(),
                new PasswordPolicy(false, 8, true, null)));
    assertThat(weak.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(weak.evidence().summary()).contains("shorter than 12");
  }

  @Test
  void shouldWarnWithoutAPolicyAndBeUnknownWithoutData() {
    assertThat(check(platform(admin("ada", true, true, "p"))).status())
        .isEqualTo(ControlStatus.WARN);
    assertThat(check(AccessSnapshot.of()).status()).isEqualTo(ControlStatus.UNKNOWN);
  }
}
