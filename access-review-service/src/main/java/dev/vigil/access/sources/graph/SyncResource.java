package dev.vigil.access.sources.graph;

import dev.vigil.access.sources.Source;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
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

  SyncResource(EntraSync sync) {
    this.sync = sync;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Sync an ENTRA source from Microsoft Graph now",
      description =
          "A failed sync keeps the previous snapshot and reports the reason in lastError (200);"
              + " 409 while another sync runs.")
  public Uni<SyncView> sync(@PathParam("id") long id) {
    return sync.sync(id)
        .invoke(
            outcome -> {
              if (outcome == EntraSync.Outcome.BUSY) {
                throw new ClientErrorException(
                    "another sync is running; try again later", Response.Status.CONFLICT);
              }
            })
        .chain(
            outcome ->
                Panache.withSession(() -> Source.byId(id))
                    .map(s -> new SyncView(outcome, s.lastSyncAt, s.lastSuccessAt, s.lastError)));
  }
}
