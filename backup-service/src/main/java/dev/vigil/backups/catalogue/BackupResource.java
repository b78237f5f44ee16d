package dev.vigil.backups.catalogue;

import dev.vigil.backups.events.BackupQueued;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The backup catalogue: on-demand backups, progress, holds. */
@Path("/api/v1/backups")
@Tag(name = "Backups", description = "The backup catalogue: backups, their progress and holds")
public class BackupResource {

  /** What to back up now. */
  public record BackupRequest(UUID targetId) {}

  /** A hold keeps a backup from retention until released. */
  public record HoldRequest(String reason, String incidentId) {}

  private final AuditTrail audit;
  private final StepUp stepUp;
  private final SecurityIdentity identity;
  private final BackupQueue queue;
  private final Event<BackupQueued> queued;

  BackupResource(
      AuditTrail audit,
      StepUp stepUp,
      SecurityIdentity identity,
      BackupQueue queue,
      Event<BackupQueued> queued) {
    this.audit = audit;
    this.stepUp = stepUp;
    this.identity = identity;
    this.queue = queue;
    this.queued = queued;
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      operationId = "listBackups",
      summary = "Backups, newest first (filters: target, status; 100 a page)")
  public Uni<List<BackupView>> list(
      @QueryParam("target") UUID target,
      @QueryParam("status") Backup.Status status,
      @QueryParam("page") @DefaultValue("0") int page) {
    if (page < 0) {
      throw new BadRequestException("page must not be negative");
    }
    StringBuilder query = new StringBuilder("1 = 1");
    Parameters parameters = new Parameters();
    if (target != null) {
      query.append(" and targetId = :target");
      parameters.and("target", target);
    }
    if (status != null) {
      query.append(" and status = :status");
      parameters.and("status", status);
    }
    return Backup.<Backup>find(query + " order by createdAt desc", parameters)
        .page(Page.of(page, 100))
        .list()
        .map(all -> all.stream().map(BackupView::of).toList());
  }

  @GET
  @Path("/{id}")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(operationId = "getBackup", summary = "One backup, with its progress while it runs")
  public Uni<BackupView> get(@PathParam("id") UUID id) {
    return Backup.require(id).map(BackupView::of);
  }

  @POST
  @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
  @Operation(
      operationId = "requestBackup",
      summary = "Take a backup of a target now",
      description = "202 with the queued backup; 409 while one of the target is queued or running.")
  public Uni<Response> request(BackupRequest request) {
    if (request == null || request.targetId() == null) {
      throw new BadRequestException("targetId is required");
    }
    UUID targetId = request.targetId();
    Caller caller = Caller.of(identity);
    return Panache.withTransaction(
            () ->
                BackupTarget.require(targetId)
                    .chain(
                        target ->
                            queue
                                .enqueue(target, Backup.Trigger.ON_DEMAND, caller.id())
                                .call(
                                    id ->
                                        id == null
                                            ? Uni.createFrom().voidItem()
                                            : audit.record(
                                                caller,
                                                "backup.requested",
                                                AuditTrail.target(
                                                    "backup-target",
                                                    target.id.toString(),
                                                    target.name),
                                                Map.of("backupId", id.toString())))))
        .map(
            id -> {
              if (id == null) {
                throw new ClientErrorException(
                    "a backup of this target is already queued or running",
                    Response.Status.CONFLICT);
              }
              queued.fire(new BackupQueued(id));
              return Response.accepted(Map.of("id", id, "status", Backup.Status.QUEUED))
                  .location(URI.create("/api/v1/backups/" + id))
                  .build();
            });
  }

  @PUT
  @Path("/{id}/hold")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "holdBackup",
      summary = "Keep a backup from retention (for example as incident evidence)")
  public Uni<BackupView> hold(@PathParam("id") UUID id, HoldRequest request) {
    if (request == null || request.reason() == null || request.reason().isBlank()) {
      throw new BadRequestException("reason is required");
    }
    if (request.reason().length() > 500
        || (request.incidentId() != null && request.incidentId().length() > 64)) {
      throw new BadRequestException("reason is limited to 500 characters, incidentId to 64");
    }
    Caller caller = Caller.of(identity);
    return Panache.withTransaction(
        () ->
            Backup.require(id)
                .invoke(
                    b -> {
                      b.held = true;
                      b.holdReason = request.reason();
                      if (request.incidentId() != null) {
                        b.incidentId = request.incidentId();
                      }
                    })
                .call(b -> audited(caller, "backup.hold.set", b))
                .map(BackupView::of));
  }

  @DELETE
  @Path("/{id}/hold")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "releaseBackupHold",
      summary = "Release a hold, letting retention delete the backup (needs step-up)")
  public Uni<BackupView> release(@PathParam("id") UUID id) {
    stepUp.require(identity);
    Caller caller = Caller.of(identity);
    return Panache.withTransaction(
        () ->
            Backup.require(id)
                .invoke(
                    b -> {
                      b.held = false;
                      b.holdReason = null;
                    })
                .call(b -> audited(caller, "backup.hold.released", b))
                .map(BackupView::of));
  }

  private Uni<Void> audited(Caller caller, String action, Backup backup) {
    return audit.record(
        caller,
        action,
        AuditTrail.target("backup", backup.id.toString(), null),
        backup.incidentId == null ? Map.of() : Map.of("incidentId", backup.incidentId));
  }
}
