package dev.vigil.access.sources.platform;

import dev.vigil.access.activity.PlatformActivity;
import dev.vigil.access.snapshot.SnapshotReplaced;
import dev.vigil.access.snapshot.SnapshotStore;
import dev.vigil.access.snapshot.Source;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform pushes what SCIM cannot carry: members, API keys, admin password policy. */
@Path("/api/v1/access-reviews/sources/{id}/snapshots")
@Tag(name = "Access review sources")
public class SnapshotPushResource {

  public record Accepted(long snapshotId, int accounts, int apiKeys) {}

  private final SnapshotStore store;
  private final Event<SnapshotReplaced> replaced;
  private final AuditTrail audit;
  private final SecurityIdentity identity;
  private final PlatformActivity activity;

  SnapshotPushResource(
      SnapshotStore store,
      Event<SnapshotReplaced> replaced,
      AuditTrail audit,
      SecurityIdentity identity,
      PlatformActivity activity) {
    this.store = store;
    this.replaced = replaced;
    this.audit = audit;
    this.identity = identity;
    this.activity = activity;
  }

  @POST
  @WithTransaction
  @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
  @Operation(
      summary = "Replace a PLATFORM source's snapshot with a complete one",
      description =
          "The whole snapshot replaces the current one atomically; a rejected one (400, naming"
              + " each field) leaves the current one as it was. See docs/access-reviews.md.")
  public Uni<Response> push(@PathParam("id") long id, PlatformSnapshotRequest request) {
    Instant now = Instant.now();
    return Source.byId(id)
        .chain(
            source -> {
              if (source.kind != SourceKind.PLATFORM) {
                throw new ClientErrorException(
                    "source "
                        + source.name
                        + " is read from Entra ID; only PLATFORM sources"
                        + " accept pushed snapshots",
                    Response.Status.CONFLICT);
              }
              PlatformSnapshotParser.Parsed parsed =
                  PlatformSnapshotParser.parse(source.name, request, now);
              if (!parsed.errors().isEmpty()) {
                throw new BadRequestException(String.join("; ", parsed.errors()));
              }
              source.succeeded(OffsetDateTime.now(ZoneOffset.UTC));
              return store
                  .replace(source, parsed.snapshot())
                  .call(saved -> activity.applyTo(saved.id))
                  .call(
                      () ->
                          ChainedEvent.publish(
                              replaced, new SnapshotReplaced(source, parsed.snapshot())))
                  .call(
                      saved ->
                          audit.record(
                              Caller.of(identity),
                              "access.snapshot.pushed",
                              AuditTrail.target("access-source", source.id, source.name),
                              Map.of(
                                  "snapshotId",
                                  saved.id,
                                  "accounts",
                                  saved.accountCount,
                                  "apiKeys",
                                  saved.apiKeyCount)))
                  .map(
                      saved ->
                          Response.status(Response.Status.CREATED)
                              .entity(new Accepted(saved.id, saved.accountCount, saved.apiKeyCount))
                              .build());
            });
  }
}
