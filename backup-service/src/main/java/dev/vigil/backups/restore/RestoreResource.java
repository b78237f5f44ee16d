package dev.vigil.backups.restore;

import dev.vigil.backups.catalogue.Backup;
import dev.vigil.backups.targets.BackupTarget;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** Restore tests, drills and the history of every restore. */
@Path("/api/v1/backups/restores")
@Tag(name = "Restores", description = "Restore tests, disaster-recovery drills and recoveries")
public class RestoreResource {

  /**
   * A restore test of a target's newest verified backup (or the named one).
   *
   * @param drill record it as the disaster-recovery drill (MNT-04)
   */
  public record TestRequest(UUID targetId, UUID backupId, Boolean drill) {}

  private final RestoreQueue queue;
  private final Event<RestoreQueued> queued;
  private final AuditTrail audit;
  private final SecurityIdentity identity;

  RestoreResource(
      RestoreQueue queue,
      Event<RestoreQueued> queued,
      AuditTrail audit,
      SecurityIdentity identity) {
    this.queue = queue;
    this.queued = queued;
    this.audit = audit;
    this.identity = identity;
  }

  @POST
  @Path("/tests")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      operationId = "requestRestoreTest",
      summary = "Restore a backup into a scratch database, validate it and drop it",
      description = "202 with the queued test; 409 while a restore of the target runs.")
  public Uni<Response> test(TestRequest request) {
    if (request == null || request.targetId() == null) {
      throw new BadRequestException("targetId is required");
    }
    Caller caller = Caller.of(identity);
    RestoreRun.Kind kind =
        Boolean.TRUE.equals(request.drill()) ? RestoreRun.Kind.DRILL : RestoreRun.Kind.TEST;
    UUID scratch = UUID.randomUUID();
    return Panache.withTransaction(
            () ->
                BackupTarget.require(request.targetId())
                    .chain(target -> backup(target, request.backupId()))
                    .chain(
                        backup ->
                            queue
                                .enqueue(
                                    backup,
                                    kind,
                                    RestoreQueue.scratchName(scratch),
                                    false,
                                    null,
                                    caller.id())
                                .call(
                                    id ->
                                        id == null
                                            ? Uni.createFrom().voidItem()
                                            : audit.record(
                                                caller,
                                                "backup.restore-test.requested",
                                                AuditTrail.target(
                                                    "backup", backup.id.toString(), null),
                                                Map.of(
                                                    "restoreId",
                                                    id.toString(),
                                                    "kind",
                                                    kind.name())))))
        .map(id -> accepted(id, queued));
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(operationId = "listRestores", summary = "Restores, newest first (100 a page)")
  public Uni<List<RestoreView>> list(
      @QueryParam("target") UUID target, @QueryParam("page") @DefaultValue("0") int page) {
    if (page < 0) {
      throw new BadRequestException("page must not be negative");
    }
    return (target == null
            ? RestoreRun.<RestoreRun>find("order by createdAt desc")
            : RestoreRun.<RestoreRun>find("targetId = ?1 order by createdAt desc", target))
        .page(Page.of(page, 100))
        .list()
        .map(all -> all.stream().map(RestoreView::of).toList());
  }

  @GET
  @Path("/{id}")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(operationId = "getRestore", summary = "One restore, with its phase while it runs")
  public Uni<RestoreView> get(@PathParam("id") UUID id) {
    return RestoreRun.require(id).map(RestoreView::of);
  }

  private static Uni<Backup> backup(BackupTarget target, UUID backupId) {
    Uni<Backup> backup =
        backupId == null
            ? RestoreSchedule.newestVerified(target.id)
            : Backup.<Backup>findById(backupId)
                .invoke(
                    b -> {
                      if (b != null && !b.targetId.equals(target.id)) {
                        throw new BadRequestException("backupId: belongs to another target");
                      }
                    });
    return backup.invoke(
        b -> {
          if (b == null || b.status != Backup.Status.VERIFIED) {
            throw new ClientErrorException(
                "the target has no verified backup to restore", Response.Status.CONFLICT);
          }
        });
  }

  static Response accepted(UUID id, Event<RestoreQueued> queued) {
    if (id == null) {
      throw new ClientErrorException(
          "a restore of this target is already queued or running", Response.Status.CONFLICT);
    }
    queued.fire(new RestoreQueued(id));
    return Response.accepted(Map.of("id", id, "status", RestoreRun.Status.QUEUED))
        .location(URI.create("/api/v1/backups/restores/" + id))
        .build();
  }
}
