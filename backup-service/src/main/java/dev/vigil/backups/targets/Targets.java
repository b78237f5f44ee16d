package dev.vigil.backups.targets;

import dev.vigil.common.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Registers, changes and removes targets. Needs the caller's transaction. */
@ApplicationScoped
public class Targets {

  static final String DEFAULT_SCHEDULE = "0 * * * *";
  static final String DEFAULT_RESTORE_TEST_SCHEDULE = "30 3 * * 0";

  public Uni<BackupTarget> create(TargetRequest request, Caller caller) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    BackupTarget target = new BackupTarget();
    target.id = UUID.randomUUID();
    target.port = 5432;
    target.sslMode = "prefer";
    target.schedule = DEFAULT_SCHEDULE;
    target.restoreTestSchedule = DEFAULT_RESTORE_TEST_SCHEDULE;
    target.keepHourly = 24;
    target.keepDaily = 7;
    target.keepWeekly = 4;
    target.keepMonthly = 12;
    target.keepYearly = 1;
    target.keepMinimum = 3;
    target.rpoMinutes = 60;
    target.rtoMinutes = 60;
    target.checks = "[]";
    target.enabled = true;
    target.createdAt = now;
    target.createdBy = caller.id();
    apply(target, request, now, caller);
    TargetValidation.check(target);
    return BackupTarget.count("name", target.name)
        .chain(
            taken -> {
              if (taken > 0) {
                throw new ClientErrorException(
                    "a target named " + target.name + " exists", Response.Status.CONFLICT);
              }
              return target.<BackupTarget>persist();
            });
  }

  public Uni<BackupTarget> update(UUID id, TargetRequest request, Caller caller) {
    return BackupTarget.require(id)
        .invoke(
            target -> {
              if (request.name() != null && !request.name().equals(target.name)) {
                throw new ClientErrorException(
                    "a target's name cannot change: it names its backups",
                    Response.Status.CONFLICT);
              }
              apply(target, request, OffsetDateTime.now(ZoneOffset.UTC), caller);
              TargetValidation.check(target);
            });
  }

  private static void apply(BackupTarget t, TargetRequest r, OffsetDateTime now, Caller caller) {
    if (r == null) {
      return;
    }
    t.name = r.name() != null ? r.name() : t.name;
    t.host = r.host() != null ? r.host() : t.host;
    t.port = r.port() != null ? r.port() : t.port;
    t.databaseName = r.database() != null ? r.database() : t.databaseName;
    t.username = r.username() != null ? r.username() : t.username;
    t.sslMode = r.sslMode() != null ? r.sslMode() : t.sslMode;
    if (r.passwordSecret() != null) {
      t.passwordSecretNamespace = r.passwordSecret().namespace();
      t.passwordSecretName = r.passwordSecret().name();
      t.passwordSecretKey = r.passwordSecret().key();
      t.passwordEnv = r.passwordEnv();
    } else if (r.passwordEnv() != null) {
      t.passwordEnv = r.passwordEnv();
      t.passwordSecretNamespace = null;
      t.passwordSecretName = null;
      t.passwordSecretKey = null;
    }
    t.schedule = r.schedule() != null ? r.schedule() : t.schedule;
    t.restoreTestSchedule =
        r.restoreTestSchedule() != null ? r.restoreTestSchedule() : t.restoreTestSchedule;
    TargetRequest.Retention keep = r.retention();
    if (keep != null) {
      t.keepHourly = keep.hourly() != null ? keep.hourly() : t.keepHourly;
      t.keepDaily = keep.daily() != null ? keep.daily() : t.keepDaily;
      t.keepWeekly = keep.weekly() != null ? keep.weekly() : t.keepWeekly;
      t.keepMonthly = keep.monthly() != null ? keep.monthly() : t.keepMonthly;
      t.keepYearly = keep.yearly() != null ? keep.yearly() : t.keepYearly;
      t.keepMinimum = keep.minimum() != null ? keep.minimum() : t.keepMinimum;
    }
    t.rpoMinutes = r.rpoMinutes() != null ? r.rpoMinutes() : t.rpoMinutes;
    t.rtoMinutes = r.rtoMinutes() != null ? r.rtoMinutes() : t.rtoMinutes;
    t.checks = r.checks() != null ? TargetJson.write(r.checks()) : t.checks;
    t.enabled = r.enabled() != null ? r.enabled() : t.enabled;
    t.updatedAt = now;
    t.updatedBy = caller.id();
  }
}
