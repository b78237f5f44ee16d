package dev.vigil.keys.reencryption;

import dev.vigil.common.security.Roles;
import dev.vigil.keys.environments.Environment;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Progress of re-encryption jobs: done and total, rate and ETA. */
@Path("/api/v1/keys/environments/{environment}/reencryption-jobs")
@Tag(name = "Rotation")
public class ReencryptionResource {

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
