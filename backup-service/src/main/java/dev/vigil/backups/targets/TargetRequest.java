package dev.vigil.backups.targets;

import java.util.List;

/**
 * A target as an Admin registers or changes it. On PATCH, absent (null) fields keep their value.
 *
 * @param passwordSecret a Kubernetes Secret key holding the password (namespace defaults to the
 *     service's own)
 * @param passwordEnv or an environment variable of the service holding it (local stack)
 * @param schedule Unix cron (UTC) of scheduled backups; default hourly
 * @param restoreTestSchedule Unix cron (UTC) of scheduled restore tests; default weekly
 * @param rpoMinutes the recovery point objective: restored data may be at most this old
 * @param rtoMinutes the recovery time objective: a restore may take at most this long
 * @param checks queries run against every restored copy
 */
public record TargetRequest(
    String name,
    String host,
    Integer port,
    String database,
    String username,
    String sslMode,
    SecretRef passwordSecret,
    String passwordEnv,
    String schedule,
    String restoreTestSchedule,
    Retention retention,
    Integer rpoMinutes,
    Integer rtoMinutes,
    List<ValidationCheck> checks,
    Boolean enabled) {

  /** A key of a Kubernetes Secret. */
  public record SecretRef(String namespace, String name, String key) {}

  /** GFS counts; absent counts take the defaults on create and keep their value on change. */
  public record Retention(
      Integer hourly,
      Integer daily,
      Integer weekly,
      Integer monthly,
      Integer yearly,
      Integer minimum) {}
}
