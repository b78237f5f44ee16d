package dev.vigil.audit.retention;

import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Legal holds: entries they cover are kept beyond retention until the hold is released. */
@Path("/api/v1/audit/legal-holds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class LegalHoldResource {

  /** A hold to place: an organization, a time range of occurrence, or both; and why. */
  public record HoldRequest(
      String organization, OffsetDateTime from, OffsetDateTime to, String reason) {}

  /** A hold as the API shows it. */
  public record HoldView(
      long id,
      String organization,
      OffsetDateTime from,
      OffsetDateTime to,
      String reason,
      String createdBy,
      OffsetDateTime createdAt,
      String releasedBy,
      OffsetDateTime releasedAt) {
    static HoldView of(LegalHold h) {
      return new HoldView(
          h.id,
          h.organization,
          h.fromTime,
          h.toTime,
          h.reason,
          h.createdBy,
          h.createdAt,
          h.releasedBy,
          h.releasedAt);
    }
  }

  private final SecurityIdentity identity;

  LegalHoldResource(SecurityIdentity identity) {
    this.identity = identity;
  }

  @POST
  @WithTransaction
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Place a legal hold")
  public Uni<Response> place(HoldRequest request) {
    if (request == null
        || request.reason() == null
        || request.reason().isBlank()
        || request.reason().length() > 2000) {
      throw new BadRequestException("a legal hold needs a reason of 1 to 2000 characters");
    }
    if (request.organization() == null && request.from() == null && request.to() == null) {
      throw new BadRequestException("a legal hold names an organization, a time range, or both");
    }
    if (request.from() != null && request.to() != null && !request.from().isBefore(request.to())) {
      throw new BadRequestException("from must be before to");
    }
    LegalHold hold = new LegalHold();
    hold.organization = request.organization();
    hold.fromTime = request.from();
    hold.toTime = request.to();
    hold.reason = request.reason();
    hold.createdBy = identity.getPrincipal().getName();
    hold.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    return hold.<LegalHold>persist()
        .map(saved -> Response.status(Response.Status.CREATED).entity(HoldView.of(saved)).build());
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "List legal holds")
  public Uni<List<HoldView>> list() {
    return LegalHold.<LegalHold>find("order by createdAt desc")
        .list()
        .map(all -> all.stream().map(h -> HoldView.of((LegalHold) h)).toList());
  }

  @POST
  @Path("{id}/release")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Release a legal hold; its entries follow normal retention again")
  public Uni<HoldView> release(@PathParam("id") long id) {
    return LegalHold.<LegalHold>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no legal hold " + id))
        .chain(
            hold -> {
              if (hold.releasedAt == null) {
                hold.releasedAt = OffsetDateTime.now(ZoneOffset.UTC);
                hold.releasedBy = identity.getPrincipal().getName();
              }
              return hold.<LegalHold>persist();
            })
        .map(HoldView::of);
  }
}
