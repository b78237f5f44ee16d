package dev.vigil.gateway.sso;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.events.access.PlatformAppObserved;
import dev.vigil.common.events.access.PlatformAppObserved.Credential;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform side of AUTH-04, from access-review-service's newest observation of the platform's
 * enterprise application: FAIL when it is missing, disabled, open to every user of the tenant (no
 * assignment required) or left with only expired credentials; WARN when there is no fresh
 * observation, a part of it is unknown, nobody signed in successfully for 30 days, or a credential
 * expires soon. Pure: the caller passes the time.
 */
final class PlatformApplicationCheck {

  /** The outcome, the reasons behind a FAIL or WARN, and the facts for the evidence. */
  record Result(ControlStatus status, List<String> reasons, Map<String, Object> facts) {}

  private final Duration maxAge;
  private final Duration expiryWarning;

  PlatformApplicationCheck(Duration maxAge, Duration expiryWarning) {
    this.maxAge = maxAge;
    this.expiryWarning = expiryWarning;
  }

  Result check(PlatformAppObserved observed, String tenant, OffsetDateTime now) {
    Map<String, Object> facts = new LinkedHashMap<>();
    if (observed == null) {
      facts.put("observed", false);
      return new Result(
          ControlStatus.WARN,
          List.of(
              "no observation of the platform's enterprise application in tenant "
                  + tenant
                  + " has arrived from access-review-service"),
          facts);
    }
    facts(observed, now, facts);
    if (observed.observedAt().plus(maxAge).isBefore(now)) {
      return new Result(
          ControlStatus.WARN,
          List.of(
              "the newest observation of the platform's enterprise application is from "
                  + observed.observedAt()
                  + ", older than "
                  + maxAge),
          facts);
    }
    String app = "the platform's enterprise application (" + name(observed) + ")";
    if (observed.exists() == null) {
      return new Result(
          ControlStatus.WARN,
          List.of(app + " could not be read: " + observed.servicePrincipalUnknownReason()),
          facts);
    }
    if (!observed.exists()) {
      return new Result(
          ControlStatus.FAIL, List.of(app + " does not exist in tenant " + tenant), facts);
    }
    List<String> failures = new ArrayList<>();
    if (!observed.enabled()) {
      failures.add(app + " is disabled");
    }
    if (!observed.assignmentRequired()) {
      failures.add(app + " does not require assignment: every user of the tenant can sign in");
    }
    List<Credential> credentials = observed.credentials();
    if (credentials != null
        && !credentials.isEmpty()
        && credentials.stream().allMatch(c -> !c.endDateTime().isAfter(now))) {
      failures.add("every credential of " + app + " has expired");
    }
    if (!failures.isEmpty()) {
      return new Result(ControlStatus.FAIL, failures, facts);
    }
    List<String> warnings = new ArrayList<>();
    if (observed.signInsUnknownReason() != null) {
      warnings.add(
          "successful sign-ins to " + app + " are unknown: " + observed.signInsUnknownReason());
    } else if (observed.lastSuccessfulSignIn() == null) {
      warnings.add("nobody signed in successfully to " + app + " in the last 30 days");
    }
    if (credentials == null) {
      warnings.add(
          "the credentials of " + app + " are unknown: " + observed.credentialsUnknownReason());
    } else {
      for (Credential c : credentials) {
        if (c.endDateTime().isAfter(now) && !c.endDateTime().isAfter(now.plus(expiryWarning))) {
          warnings.add(
              "the "
                  + c.type()
                  + " "
                  + label(c)
                  + " of "
                  + app
                  + " expires on "
                  + c.endDateTime().toLocalDate());
        }
      }
    }
    return new Result(
        warnings.isEmpty() ? ControlStatus.PASS : ControlStatus.WARN, warnings, facts);
  }

  private static void facts(PlatformAppObserved o, OffsetDateTime now, Map<String, Object> facts) {
    facts.put("observed", true);
    facts.put("observedAt", o.observedAt().toString());
    facts.put("servicePrincipalId", o.servicePrincipalId());
    facts.put("displayName", o.displayName());
    facts.put("appId", o.appId());
    facts.put("exists", o.exists());
    facts.put("enabled", o.enabled());
    facts.put("assignmentRequired", o.assignmentRequired());
    facts.put(
        "lastSuccessfulSignIn",
        o.lastSuccessfulSignIn() == null ? null : o.lastSuccessfulSignIn().toString());
    facts.put("signInsUnknownReason", o.signInsUnknownReason());
    if (o.credentials() == null) {
      facts.put("credentials", null);
      facts.put("credentialsUnknownReason", o.credentialsUnknownReason());
    } else {
      List<Map<String, Object>> credentials = new ArrayList<>();
      for (Credential c : o.credentials()) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("keyId", c.keyId());
        credential.put("displayName", c.displayName());
        credential.put("type", c.type());
        credential.put("endDateTime", c.endDateTime().toString());
        credential.put("expired", !c.endDateTime().isAfter(now));
        credentials.add(credential);
      }
      facts.put("credentials", credentials);
    }
  }

  private static String name(PlatformAppObserved o) {
    return o.displayName() == null
        ? "service principal " + o.servicePrincipalId()
        : o.displayName() + ", service principal " + o.servicePrincipalId();
  }

  private static String label(Credential c) {
    return c.displayName() == null ? c.keyId() : "'" + c.displayName() + "' (" + c.keyId() + ")";
  }
}
