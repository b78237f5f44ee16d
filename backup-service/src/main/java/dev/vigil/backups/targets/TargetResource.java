package dev.vigil.backups.targets;

import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The databases Vigil backs up. */
@Path("/api/v1/backups/targets")
@Tag(name = "Backup targets", description = "The platform's PostgreSQL databases Vigil backs up")
public class TargetResource {

  private final Targets targets;
  private final AuditTrail audit;
  private final StepUp stepUp;
  private final SecurityIdentity identity;

  TargetResource(Targets targets, AuditTrail audit, StepUp stepUp, SecurityIdentity identity) {
    this.targets = targets;
    this.audit = audit;
    this.stepUp = stepUp;
    this.identity = identity;
  }

  @POST
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "createBackupTarget",
      summary = "Register a database to back up",
      description =
          "The password is referenced (a Kubernetes Secret key, or an environment variable of"
              + " the service), never sent. Defaults: hourly backups, weekly restore tests, GFS"
              + " 24/7/4/12/1 with at least 3 kept.")
  public Uni<Response> create(TargetRequest request) {
    if (request == null) {
      throw new BadRequestException("a JSON body is required");
    }
    Caller caller = Caller.of(identity);
    return targets
        .create(request, caller)
        .call(t -> audit(caller, "backup.target.created", t))
        .map(t -> Response.status(Response.Status.CREATED).entity(TargetView.of(t)).build());
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(operationId = "listBackupTargets", summary = "Every registered target")
  public Uni<List<TargetView>> list() {
    return BackupTarget.<BackupTarget>list("order by name")
        .map(all -> all.stream().map(TargetView::of).toList());
  }

  @GET
  @Path("/{id}")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(operationId = "getBackupTarget", summary = "One target")
  public Uni<TargetView> get(@PathParam("id") UUID id) {
    return BackupTarget.require(id).map(TargetView::of);
  }

  @PATCH
  @Path("/{id}")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "updateBackupTarget",
      summary = "Change a target; absent fields keep their value")
  public Uni<TargetView> update(@PathParam("id") UUID id, TargetRequest request) {
    if (request == null) {
      throw new BadRequestException("a JSON body is required");
    }
    Caller caller = Caller.of(identity);
    return targets
        .update(id, request, caller)
        .call(t -> audit(caller, "backup.target.updated", t))
        .map(TargetView::of);
  }

  @DELETE
  @Path("/{id}")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "deleteBackupTarget",
      summary = "Remove a target that has no stored backups (needs step-up)",
      description = "Refused (409) while backups of it are stored: disable it instead.")
  public Uni<Response> delete(@PathParam("id") UUID id) {
    stepUp.require(identity);
    Caller caller = Caller.of(identity);
    return BackupTarget.require(id)
        .call(
            target ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "SELECT count(*) FROM backup WHERE target_id = ?1"
                                        + " AND status IN ('QUEUED', 'RUNNING', 'VERIFIED', 'BAD')",
                                    Long.class)
                                .setParameter(1, id)
                                .getSingleResult())
                    .invoke(
                        stored -> {
                          if (stored > 0) {
                            throw new ClientErrorException(
                                stored + " backups of this target are stored; disable it instead",
                                Response.Status.CONFLICT);
                          }
                        }))
        .call(target -> audit(caller, "backup.target.deleted", target))
        .call(BackupTarget::delete)
        .replaceWith(Response.noContent().build());
  }

  private Uni<Void> audit(Caller caller, String action, BackupTarget target) {
    return audit.record(
        caller,
        action,
        AuditTrail.target("backup-target", target.id.toString(), target.name),
        Map.of("database", target.connection().describe()));
  }
}
