package dev.vigil.access.controls.rules;

import static dev.vigil.access.controls.rules.Fixtures.NOW;
import static dev.vigil.access.controls.rules.Fixtures.member;
import static dev.vigil.access.controls.rules.Fixtures.platform;
import static dev.vigil.access.controls.rules.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.common.compliance.ControlStatus;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OrganizationRestrictionRuleTest {

  private final OrganizationRestrictionRule rule = new OrganizationRestrictionRule();

  private static AccessSettings contractorsToo() {
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
        List.of(Pattern.compile(".*@contractor\\.example")),
        d.rolePolicies());
  }

  private RuleResult check(AccessSnapshot snapshot) {
    return rule.check(snapshot, ReviewHistory.none(), contractorsToo(), NOW);
  }

  @Test
  void shouldPassWhenEveryGuestAndContractorIsRestricted() {
    var guest = with(member("gus"), "Guest", List.of("member"), List.of("acme"));
    var contractor =
        with(member("cleo@contractor.example"), "Member", List.of("member"), List.of("acme"));
    RuleResult result = check(platform(guest, contractor, member("bob")));
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.evidence().facts()).containsEntry("matchingRestrictionRules", 2);
  }

  @Test
  void shouldFailNamingTheUnrestrictedMember() {
    var guest = with(member("gus"), "Guest", List.of("member"), List.of());
    var contractor = with(member("cleo@contractor.example"), "Member", List.of(), List.of());
    RuleResult result = check(platform(guest, contractor));
    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.evidence().summary()).contains("platform/gus").contains("cleo@contractor");
  }

  @Test
  void shouldBeUnknownWithoutData() {
    assertThat(check(AccessSnapshot.of()).status()).isEqualTo(ControlStatus.UNKNOWN);
  }
}
