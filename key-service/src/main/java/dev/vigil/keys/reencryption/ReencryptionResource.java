package dev.vigil.keys.reencryption;

import dev.vigil.common.security.Roles;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.KeySlotVersion;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Progress of re-encryption jobs: done and total, rate and ETA. */
@Path("/api/v1/keys/environments/{environment}/reencryption-jobs")
@Tag(name = "Rotation")
public class ReencryptionResource {

  /** The slot whose vault credentials to move to its primary version. */
  public record Start(String slot) {}

  private final Reencryptions reencryptions;

  ReencryptionResource(Reencryptions reencryptions) {
    this.reencryptions = reencryptions;
  }

  @POST
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Re-encrypt a slot's vault credentials to its primary now",
      description =
          "Also retries credentials an earlier job could not rewrap. A running job of the slot is"
              + " reused.")
  public Uni<Progress> start(@PathParam("environment") String name, Start request) {
    if (request == null || request.slot() == null) {
      throw new BadRequestException("a JSON body with slot is required");
    }
    return Environment.named(name)
        .chain(
            environment ->
                KeySlotVersion.<KeySlotVersion>find(
                        "environmentId = ?1 and slot = ?2 and state = ?3",
                        environment.id,
                        request.slot(),
                        KeySlotVersion.State.PRIMARY.name())
                    .firstResult()
                    .onItem()
                    .ifNull()
                    .failWith(() -> new NotFoundException("no slot " + request.slot()))
                    .chain(
                        primary ->
                            reencryptions.start(
                                environment,
                                request.slot(),
                                primary.version,
                                ReencryptionJob.Reason.MANUAL))
                    .map(job -> Progress.of(job, environment.name)));
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The environment's re-encryption jobs, newest first")
  public Uni<List<Progress>> list(@PathParam("environment") String name) {
    return Environment.named(name)
        .chain(
            environment ->
                ReencryptionJob.<ReencryptionJob>find(
                        "environmentId = ?1 order by id desc", environment.id)
                    .page(0, 100)
                    .list()
                    .map(
                        jobs -> jobs.stream().map(j -> Progress.of(j, environment.name)).toList()));
  }

  @GET
  @Path("/{id}")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "One job's progress")
  public Uni<Progress> get(@PathParam("environment") String name, @PathParam("id") long id) {
    return Environment.named(name)
        .chain(
            environment ->
                ReencryptionJob.<ReencryptionJob>find(
                        "id = ?1 and environmentId = ?2", id, environment.id)
                    .firstResult()
                    .onItem()
                    .ifNull()
                    .failWith(() -> new NotFoundException("no re-encryption job " + id))
                    .map(job -> Progress.of(job, environment.name)));
  }
}
