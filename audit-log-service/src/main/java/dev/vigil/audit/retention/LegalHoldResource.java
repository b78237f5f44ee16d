package dev.vigil.audit.retention;

import dev.vigil.audit.search.Paging;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final StepUp stepUp;
  private final AuditTrail trail;

  LegalHoldResource(SecurityIdentity identity, StepUp stepUp, AuditTrail trail) {
    this.identity = identity;
    this.stepUp = stepUp;
    this.trail = trail;
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
    Caller caller = Caller.of(identity);
    hold.createdBy = caller.id();
    hold.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    return hold.<LegalHold>persist()
        .call(
            saved ->
                trail.record(
                    caller,
                    "audit.legal-hold.placed",
                    AuditTrail.target("legal-hold", Long.toString(saved.id), null),
                    scope(saved)))
        .map(saved -> Response.status(Response.Status.CREATED).entity(HoldView.of(saved)).build());
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "List legal holds, newest first, a page at a time (limit 1 to 500, default 100)")
  public Uni<List<HoldView>> list(
      @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
    Paging page = Paging.of(offset, limit);
    return LegalHold.<LegalHold>find("order by createdAt desc, id desc")
        .range(page.offset(), page.last())
        .list()
        .map(all -> all.stream().map(h -> HoldView.of((LegalHold) h)).toList());
  }

  @POST
  @Path("{id}/release")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Release a legal hold; its entries follow normal retention again",
      description = "Needs step-up: once released, held entries may be pruned.")
  public Uni<HoldView> release(@PathParam("id") long id) {
    stepUp.require(identity);
    Caller caller = Caller.of(identity);
    return LegalHold.<LegalHold>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no legal hold " + id))
        .chain(
            hold -> {
              if (hold.releasedAt != null) {
                return Uni.createFrom().item(hold);
              }
              hold.releasedAt = OffsetDateTime.now(ZoneOffset.UTC);
              hold.releasedBy = caller.id();
              return hold.<LegalHold>persist()
                  .call(
                      released ->
                          trail.record(
                              caller,
                              "audit.legal-hold.released",
                              AuditTrail.target("legal-hold", Long.toString(released.id), null),
                              scope(released)));
            })
        .map(HoldView::of);
  }

  private static Map<String, Object> scope(LegalHold hold) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("organization", hold.organization);
    details.put("from", hold.fromTime == null ? null : hold.fromTime.toString());
    details.put("to", hold.toTime == null ? null : hold.toTime.toString());
    details.put("reason", hold.reason);
    return details;
  }
}
