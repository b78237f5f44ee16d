package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessRule;
import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.AccessSnapshot.SourcedAccount;
import dev.vigil.access.snapshot.PasswordPolicy;
import dev.vigil.access.snapshot.SourceSnapshot;
import dev.vigil.common.compliance.ControlStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AUTH-01: admins and owners exist and number no more than the maximum, and every reported admin
 * password policy meets the minimums or sign-in is SSO-only. Without a reported policy the password
 * half stays open (WARN): it can only be attested.
 */
public final class AdminAccountRule implements AccessRule {

  static final String CONTROL = "AUTH-01";

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public Check start(ReviewHistory reviews, AccessSettings settings, Instant now) {
    Admins admins = new Admins(settings);
    return new Check() {
      @Override
      public void account(SourcedAccount account) {
        admins.offer(account);
      }

      @Override
      public RuleResult result(AccessSnapshot headers) {
        return decide(
            headers, admins.sorted().stream().map(SourcedAccount::label).toList(), settings);
      }
    };
  }

  private static RuleResult decide(
      AccessSnapshot snapshot, List<String> admins, AccessSettings settings) {
    if (snapshot.isEmpty()) {
      return RuleResult.unknown(CONTROL, "no source has been synced yet");
    }
    List<String> problems = new ArrayList<>();
    if (admins.isEmpty()) {
      problems.add("no enabled admin or owner account");
    } else if (admins.size() > settings.maxAdmins()) {
      problems.add(
          admins.size() + " admins and owners, more than the maximum of " + settings.maxAdmins());
    }
    Map<String, Object> policies = new LinkedHashMap<>();
    for (SourceSnapshot source : snapshot.sources()) {
      PasswordPolicy policy = source.passwordPolicy();
      if (policy == null) {
        continue;
      }
      String weakness = weakness(policy, settings);
      policies.put(source.source(), weakness == null ? "meets minimums" : weakness);
      if (weakness != null) {
        problems.add(source.source() + ": " + weakness);
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("admins", admins);
    facts.put("adminCount", admins.size());
    facts.put("maxAdmins", settings.maxAdmins());
    facts.put("passwordPolicies", policies);
    if (!problems.isEmpty()) {
      return RuleResult.of(CONTROL, ControlStatus.FAIL, String.join("; ", problems) + ".", facts);
    }
    if (policies.isEmpty()) {
      return RuleResult.of(
          CONTROL,
          ControlStatus.WARN,
          admins.size()
              + " admins and owners; no source reports the admin password policy, attest it.",
          facts);
    }
    return RuleResult.of(
        CONTROL,
        ControlStatus.PASS,
        admins.size()
            + " admins and owners (max "
            + settings.maxAdmins()
            + "); the admin password policy meets the minimums or sign-in is SSO-only.",
        facts);
  }

  private static String weakness(PasswordPolicy policy, AccessSettings settings) {
    if (policy.ssoOnly()) {
      return null;
    }
    if (policy.minLength() == null || policy.minLength() < settings.passwordMinLength()) {
      return "admin passwords may be shorter than " + settings.passwordMinLength() + " characters";
    }
    if (settings.passwordRequireMixed() && !Boolean.TRUE.equals(policy.requiresMixed())) {
      return "admin passwords need not mix character classes";
    }
    return null;
  }
}
