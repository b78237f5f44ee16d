package dev.vigil.access.sources.graph;

import dev.vigil.access.snapshot.Source;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.sources.scim.ScimSync;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs an Entra ID sync now instead of waiting for the schedule. */
@Path("/api/v1/access-reviews/sources/{id}/sync")
@Tag(name = "Access review sources")
public class SyncResource {

  /** The outcome, with the source's status after it. */
  public record SyncView(
      EntraSync.Outcome outcome,
      OffsetDateTime lastSyncAt,
      OffsetDateTime lastSuccessAt,
      String lastError) {}

  private final EntraSync sync;
  private final ScimSync scim;
  private final AuditTrail audit;
  private final SecurityIdentity identity;

  SyncResource(EntraSync sync, ScimSync scim, AuditTrail audit, SecurityIdentity identity) {
    this.sync = sync;
    this.scim = scim;
    this.audit = audit;
    this.identity = identity;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Sync a source now: ENTRA from Microsoft Graph, PLATFORM from its SCIM 2.0 /Users and"
              + " /Groups",
      description =
          "A failed sync keeps the previous snapshot and reports the reason in lastError (200);"
              + " 409 while another sync runs, or for a PLATFORM source without a SCIM base URL"
              + " or token.")
  public Uni<SyncView> sync(@PathParam("id") long id) {
    Caller caller = Caller.of(identity);
    return Panache.withSession(() -> Source.byId(id))
        .chain(source -> source.kind == SourceKind.PLATFORM ? scim.sync(id) : sync.sync(id))
        .invoke(
            outcome -> {
              if (outcome == EntraSync.Outcome.BUSY) {
                throw new ClientErrorException(
                    "another sync is running; try again later", Response.Status.CONFLICT);
              }
            })
        .chain(
            outcome ->
                Panache.withTransaction(
                        () ->
                            Source.byId(id)
                                .call(
                                    s ->
                                        audit.record(
                                            caller,
                                            "access.source.synced",
                                            AuditTrail.target("access-source", s.id, s.name),
                                            Map.of(
                                                "outcome",
                                                outcome.name(),
                                                "error",
                                                s.lastError == null ? "none" : s.lastError))))
                    .map(s -> new SyncView(outcome, s.lastSyncAt, s.lastSuccessAt, s.lastError)));
  }
}
