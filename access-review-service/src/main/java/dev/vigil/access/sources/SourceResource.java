package dev.vigil.access.sources;

import dev.vigil.access.snapshot.Account;
import dev.vigil.access.snapshot.SnapshotRecord;
import dev.vigil.access.snapshot.SnapshotStore;
import dev.vigil.access.snapshot.Source;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sources of accounts and the status of their syncs. */
@Path("/api/v1/access-reviews/sources")
@Tag(name = "Access review sources")
public class SourceResource {

  private final SnapshotStore store;
  private final AuditTrail audit;
  private final SecurityIdentity identity;

  SourceResource(SnapshotStore store, AuditTrail audit, SecurityIdentity identity) {
    this.store = store;
    this.audit = audit;
    this.identity = identity;
  }

  /**
   * @param scimBaseUrl PLATFORM sources: the platform's SCIM 2.0 base URL, to disable revoked
   *     accounts; optional
   */
  public record CreateRequest(String name, String kind, String scimBaseUrl) {}

  /**
   * A source with its sync status and what its current snapshot holds.
   *
   * @param snapshotTakenAt when the current snapshot was read; null: none yet
   */
  public record SourceView(
      long id,
      String name,
      SourceKind kind,
      OffsetDateTime lastSyncAt,
      OffsetDateTime lastSuccessAt,
      String lastError,
      OffsetDateTime snapshotTakenAt,
      Integer accounts,
      Integer apiKeys,
      Boolean signInActivityAvailable) {

    static SourceView of(Source s, SnapshotRecord current) {
      return new SourceView(
          s.id,
          s.name,
          s.kind,
          s.lastSyncAt,
          s.lastSuccessAt,
          s.lastError,
          current == null ? null : current.takenAt,
          current == null ? null : current.accountCount,
          current == null ? null : current.apiKeyCount,
          current == null ? null : current.signInActivityAvailable);
    }
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.SERVICE})
  @Operation(summary = "Every source with its last sync, last error and current snapshot")
  public Uni<List<SourceView>> list() {
    return Source.<Source>list("order by name")
        .chain(
            sources ->
                SnapshotRecord.<SnapshotRecord>list("state", SnapshotRecord.CURRENT)
                    .map(
                        records -> {
                          Map<Long, SnapshotRecord> current =
                              records.stream()
                                  .collect(Collectors.toMap(r -> r.sourceId, Function.identity()));
                          return sources.stream()
                              .map(s -> SourceView.of(s, current.get(s.id)))
                              .toList();
                        }));
  }

  @GET
  @Path("/{id}/accounts")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The accounts of the source's current snapshot (empty list: none yet)")
  public Uni<List<Account>> accounts(@PathParam("id") long id) {
    return Source.byId(id)
        .chain(source -> store.current(source))
        .map(snapshot -> snapshot == null ? List.<Account>of() : snapshot.accounts());
  }

  @POST
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Register a source (ENTRA or PLATFORM)")
  public Uni<Response> create(CreateRequest request) {
    if (request == null || request.name() == null || !request.name().matches("[a-z0-9-]{1,63}")) {
      throw new BadRequestException("name: required, 1 to 63 of a-z, 0-9 and -");
    }
    if (request.kind() == null
        || java.util.Arrays.stream(SourceKind.values())
            .noneMatch(k -> k.name().equals(request.kind()))) {
      throw new BadRequestException("kind: required, ENTRA or PLATFORM");
    }
    if (request.scimBaseUrl() != null && !scimUrl(request.scimBaseUrl())) {
      throw new BadRequestException("scimBaseUrl: an absolute http(s) URL without query");
    }
    if (request.scimBaseUrl() != null && !"PLATFORM".equals(request.kind())) {
      throw new BadRequestException("scimBaseUrl: only for PLATFORM sources");
    }
    return Source.count("name", request.name())
        .chain(
            existing -> {
              if (existing > 0) {
                throw new ClientErrorException(
                    "a source named " + request.name() + " exists", Response.Status.CONFLICT);
              }
              Source source = new Source();
              source.name = request.name();
              source.kind = SourceKind.valueOf(request.kind());
              source.scimBaseUrl = request.scimBaseUrl();
              source.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
              return source.<Source>persist();
            })
        .call(
            s ->
                audit.record(
                    Caller.of(identity),
                    "access.source.created",
                    AuditTrail.target("access-source", s.id, s.name),
                    Map.of("kind", s.kind.name(), "scim", s.scimBaseUrl == null ? "none" : "set")))
        .map(s -> Response.status(Response.Status.CREATED).entity(SourceView.of(s, null)).build());
  }

  @DELETE
  @Path("/{id}")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove a source and its snapshots")
  public Uni<Response> delete(@PathParam("id") long id) {
    return Source.byId(id)
        .call(Source::delete)
        .call(
            s ->
                audit.record(
                    Caller.of(identity),
                    "access.source.deleted",
                    AuditTrail.target("access-source", s.id, s.name),
                    Map.of("kind", s.kind.name())))
        .map(ignored -> Response.noContent().build());
  }

  private static boolean scimUrl(String value) {
    try {
      java.net.URI uri = new java.net.URI(value);
      return value.length() <= 512
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
