package dev.vigil.backups.targets;

import dev.vigil.backups.api.InvalidRequestException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Refuses a target that cannot work, naming every field at fault at once. */
final class TargetValidation {

  private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
  private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_$-]{0,62}$");
  private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.:\\[\\]-]{1,253}$");
  private static final Pattern K8S_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");
  private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]{1,253}$");
  private static final Pattern ENV = Pattern.compile("^[A-Z_][A-Z0-9_]{0,127}$");
  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private final List<String> errors = new ArrayList<>();

  private TargetValidation() {}

  /** Checks a complete target (after defaults or a patch were applied). */
  static void check(BackupTarget t) {
    TargetValidation v = new TargetValidation();
    v.match("name", t.name, NAME, "lower-case letters, digits and '-', at most 63");
    v.match("host", t.host, HOST, "a host name or address");
    if (t.port < 1 || t.port > 65535) {
      v.errors.add("port: must be between 1 and 65535");
    }
    v.match("database", t.databaseName, IDENTIFIER, "a PostgreSQL database name");
    v.match("username", t.username, IDENTIFIER, "a PostgreSQL role name");
    if (!SSL_MODES.contains(t.sslMode)) {
      v.errors.add("sslMode: must be one of " + SSL_MODES);
    }
    v.password(t);
    CronSchedule backups = v.cron("schedule", t.schedule);
    v.cron("restoreTestSchedule", t.restoreTestSchedule);
    v.retention(t);
    if (t.rpoMinutes < 1) {
      v.errors.add("rpoMinutes: must be at least 1");
    }
    if (t.rtoMinutes < 1) {
      v.errors.add("rtoMinutes: must be at least 1");
    }
    if (backups != null
        && t.rpoMinutes > 0
        && backups
                .longestGap(ZonedDateTime.now(ZoneOffset.UTC))
                .compareTo(Duration.ofMinutes(t.rpoMinutes))
            > 0) {
      v.errors.add(
          "schedule: backups further apart than rpoMinutes ("
              + t.rpoMinutes
              + ") can never meet the recovery point objective");
    }
    v.checks(t);
    if (!v.errors.isEmpty()) {
      throw new InvalidRequestException(v.errors);
    }
  }

  private void match(String field, String value, Pattern pattern, String rule) {
    if (value == null || !pattern.matcher(value).matches()) {
      errors.add(field + ": " + (value == null ? "is required" : "must be " + rule));
    }
  }

  private void password(BackupTarget t) {
    boolean secret = t.passwordSecretName != null || t.passwordSecretKey != null;
    if (secret && t.passwordEnv != null) {
      errors.add("passwordSecret, passwordEnv: give one password source, not both");
    }
    if (secret) {
      match("passwordSecret.name", t.passwordSecretName, K8S_NAME, "a Kubernetes Secret name");
      match("passwordSecret.key", t.passwordSecretKey, SECRET_KEY, "a Secret data key");
      if (t.passwordSecretNamespace != null) {
        match("passwordSecret.namespace", t.passwordSecretNamespace, NAME, "a namespace name");
      }
    }
    if (t.passwordEnv != null) {
      match("passwordEnv", t.passwordEnv, ENV, "an upper-case environment variable name");
    }
  }

  private CronSchedule cron(String field, String expression) {
    try {
      return CronSchedule.parse(expression);
    } catch (IllegalArgumentException e) {
      errors.add(field + ": " + e.getMessage());
      return null;
    }
  }

  private void retention(BackupTarget t) {
    int[] counts = {
      t.keepHourly, t.keepDaily, t.keepWeekly, t.keepMonthly, t.keepYearly, t.keepMinimum
    };
    for (int count : counts) {
      if (count < 0 || count > 10_000) {
        errors.add("retention: counts must be between 0 and 10000");
        return;
      }
    }
    if (!t.retention().keepsSomething()) {
      errors.add("retention: a policy that keeps nothing would delete every backup");
    }
  }

  private void checks(BackupTarget t) {
    List<ValidationCheck> checks = TargetJson.checks(t.checks);
    if (checks.size() > 50) {
      errors.add("checks: at most 50");
    }
    for (int i = 0; i < checks.size(); i++) {
      ValidationCheck check = checks.get(i);
      if (check == null
          || check.name() == null
          || check.name().isBlank()
          || check.name().length() > 200) {
        errors.add("checks[" + i + "].name: is required, at most 200 characters");
      }
      if (check == null || check.sql() == null || check.sql().isBlank()) {
        errors.add("checks[" + i + "].sql: is required");
      } else if (check.sql().length() > 4000) {
        errors.add("checks[" + i + "].sql: at most 4000 characters");
      }
      if (check == null || check.expected() == null) {
        errors.add("checks[" + i + "].expected: is required");
      }
    }
  }
}
