package dev.vigil.backups.restore;

import dev.vigil.backups.catalogue.Backup;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recovery (incident step IR-03): restore a chosen backup onto the target's server. */
@Path("/api/v1/backups/{id}/restore")
@Tag(name = "Restores")
public class RecoveryResource {

  /**
   * @param database the database to restore into; default a new {@code <database>_restored_<time>}
   * @param replace replace the existing database of that name (kept under a new name); needs
   *     step-up
   * @param incidentId the incident this recovery serves
   */
  public record RecoveryRequest(String database, Boolean replace, String incidentId) {}

  private static final Pattern DATABASE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_$-]{0,62}$");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

  private final RestoreQueue queue;
  private final Event<RestoreQueued> queued;
  private final AuditTrail audit;
  private final StepUp stepUp;
  private final SecurityIdentity identity;

  RecoveryResource(
      RestoreQueue queue,
      Event<RestoreQueued> queued,
      AuditTrail audit,
      StepUp stepUp,
      SecurityIdentity identity) {
    this.queue = queue;
    this.queued = queued;
    this.audit = audit;
    this.stepUp = stepUp;
    this.identity = identity;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "recoverBackup",
      summary = "Restore a backup into a new database (or replace one, with step-up)",
      description =
          "Validated like a restore test; progress as restore-progressed events and on"
              + " /api/v1/backups/restores/{id}. replace=true restores beside the live database"
              + " and swaps the names only after validation passed; the old one is kept.")
  public Uni<Response> recover(@PathParam("id") UUID backupId, RecoveryRequest body) {
    RecoveryRequest request = body != null ? body : new RecoveryRequest(null, null, null);
    boolean replace = Boolean.TRUE.equals(request.replace());
    if (replace) {
      stepUp.require(identity);
    }
    validate(request, replace);
    Caller caller = Caller.of(identity);
    return Panache.withTransaction(
            () ->
                Backup.require(backupId)
                    .invoke(
                        b -> {
                          if (b.status != Backup.Status.VERIFIED) {
                            throw new ClientErrorException(
                                "backup " + backupId + " is " + b.status + ", not VERIFIED",
                                Response.Status.CONFLICT);
                          }
                        })
                    .chain(
                        backup ->
                            BackupTarget.require(backup.targetId)
                                .chain(
                                    target -> {
                                      String database = database(request, target, replace);
                                      return queue
                                          .enqueue(
                                              backup,
                                              RestoreRun.Kind.RECOVERY,
                                              database,
                                              replace,
                                              request.incidentId(),
                                              caller.id())
                                          .call(
                                              id ->
                                                  id == null
                                                      ? Uni.createFrom().voidItem()
                                                      : audit.record(
                                                          caller,
                                                          replace
                                                              ? "backup.recovery.replace.requested"
                                                              : "backup.recovery.requested",
                                                          AuditTrail.target(
                                                              "backup",
                                                              backup.id.toString(),
                                                              target.name),
                                                          details(id, database, request)));
                                    })))
        .map(id -> RestoreResource.accepted(id, queued));
  }

  private static void validate(RecoveryRequest request, boolean replace) {
    List<String> errors = new ArrayList<>();
    if (request.database() != null && !DATABASE.matcher(request.database()).matches()) {
      errors.add("database: must be a PostgreSQL database name");
    }
    if (request.incidentId() != null && request.incidentId().length() > 64) {
      errors.add("incidentId: at most 64 characters");
    }
    if (!errors.isEmpty()) {
      throw new dev.vigil.backups.api.InvalidRequestException(errors);
    }
  }

  private static String database(RecoveryRequest request, BackupTarget target, boolean replace) {
    if (request.database() != null) {
      return request.database();
    }
    if (replace) {
      return target.databaseName;
    }
    String suffix = "_restored_" + OffsetDateTime.now(ZoneOffset.UTC).format(STAMP);
    String base = target.databaseName;
    return base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
  }

  private static Map<String, Object> details(UUID id, String database, RecoveryRequest request) {
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("restoreId", id.toString());
    details.put("database", database);
    if (request.incidentId() != null) {
      details.put("incidentId", request.incidentId());
    }
    return details;
  }
}
