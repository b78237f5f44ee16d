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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AUTH-02: every enabled admin and owner has MFA registered AND enforced. The evidence lists both
 * per account, with the enforcing policy: a registered method nobody is made to use is not MFA.
 */
public final class AdminMfaRule implements AccessRule {

  static final String CONTROL = "AUTH-02";

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
        return decide(headers, admins.sorted());
      }
    };
  }

  private static RuleResult decide(AccessSnapshot snapshot, List<SourcedAccount> admins) {
    if (snapshot.isEmpty()) {
      return RuleResult.unknown(CONTROL, "no source has been synced yet");
    }
    if (admins.isEmpty()) {
      return RuleResult.unknown(CONTROL, "no enabled admin or owner account in the snapshots");
    }
    List<Map<String, Object>> perAccount = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (SourcedAccount admin : admins) {
      Account a = admin.account();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("account", admin.label());
      row.put("mfaRegistered", a.mfaRegistered());
      row.put("mfaEnforced", a.mfaEnforced());
      row.put("enforcedBy", Boolean.TRUE.equals(a.mfaEnforced()) ? a.mfaPolicy() : null);
      perAccount.add(row);
      if (Boolean.FALSE.equals(a.mfaRegistered()) || Boolean.FALSE.equals(a.mfaEnforced())) {
        failing.add(admin.label() + " (" + gap(a) + ")");
      } else if (a.mfaRegistered() == null || a.mfaEnforced() == null) {
        unknown.add(admin.label());
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("admins", perAccount);
    if (!failing.isEmpty()) {
      return RuleResult.of(
          CONTROL, ControlStatus.FAIL, "MFA missing for " + Admins.names(failing) + ".", facts);
    }
    if (!unknown.isEmpty()) {
      return RuleResult.of(
          CONTROL,
          ControlStatus.UNKNOWN,
          "No MFA registration or enforcement reported for " + Admins.names(unknown) + ".",
          facts);
    }
    return RuleResult.of(
        CONTROL,
        ControlStatus.PASS,
        "All " + admins.size() + " admins and owners have MFA registered and enforced.",
        facts);
  }

  private static String gap(Account a) {
    boolean registered = !Boolean.FALSE.equals(a.mfaRegistered());
    boolean enforced = !Boolean.FALSE.equals(a.mfaEnforced());
    if (!registered && !enforced) {
      return "not registered, not enforced";
    }
    return registered ? "registered but not enforced" : "enforced but not registered";
  }
}
