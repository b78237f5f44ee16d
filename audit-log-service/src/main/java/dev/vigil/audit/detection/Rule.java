package dev.vigil.audit.detection;

import dev.vigil.common.events.security.SecurityAlertRaised.Severity;

/** The detection rules, their alert severity and the control they serve. */
public enum Rule {
  BRUTE_FORCE("brute-force", Severity.HIGH, "MON-02"),
  PASSWORD_SPRAYING("password-spraying", Severity.HIGH, "MON-02"),
  CREDENTIAL_STUFFING("credential-stuffing", Severity.HIGH, "MON-02"),
  SUCCESS_AFTER_FAILURES("success-after-failures", Severity.CRITICAL, "MON-02"),
  DEVICE_AUTH_FAILURES("device-auth-failures", Severity.MEDIUM, "MON-03"),
  INTEGRATION_UNHEALTHY("integration-unhealthy", Severity.MEDIUM, "MON-04");

  private final String id;
  private final Severity severity;
  private final String control;

  Rule(String id, Severity severity, String control) {
    this.id = id;
    this.severity = severity;
    this.control = control;
  }

  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  public String control() {
    return control;
  }
}
