package dev.vigil.audit.review;

import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Records reviews of the audit log (MON-01). */
@Path("/api/v1/audit/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class ReviewResource {

  /**
   * A review to record.
   *
   * @param reviewedThrough the log was reviewed up to this instant (default: now)
   * @param note what was looked at and found
   */
  public record ReviewRequest(OffsetDateTime reviewedThrough, String note) {}

  /** A recorded review. */
  public record ReviewView(
      long id,
      OffsetDateTime reviewedThrough,
      String reviewer,
      String note,
      OffsetDateTime recordedAt) {
    static ReviewView of(AuditReview r) {
      return new ReviewView(r.id, r.reviewedThrough, r.reviewer, r.note, r.recordedAt);
    }
  }

  private final SecurityIdentity identity;
  private final MonitoringControls controls;
  private final AuditTrail trail;

  ReviewResource(SecurityIdentity identity, MonitoringControls controls, AuditTrail trail) {
    this.identity = identity;
    this.controls = controls;
    this.trail = trail;
  }

  @POST
  @WithTransaction
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "Record that the audit log was reviewed up to a point in time")
  public Uni<Response> record(ReviewRequest request) {
    if (request == null
        || request.note() == null
        || request.note().isBlank()
        || request.note().length() > 4000) {
      throw new BadRequestException("a review needs a note of 1 to 4000 characters");
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (request.reviewedThrough() != null && request.reviewedThrough().isAfter(now)) {
      throw new BadRequestException("reviewedThrough cannot be in the future");
    }
    AuditReview review = new AuditReview();
    review.reviewedThrough = request.reviewedThrough() == null ? now : request.reviewedThrough();
    Caller caller = Caller.of(identity);
    review.reviewer = caller.id();
    review.note = request.note();
    review.recordedAt = now;
    return review
        .<AuditReview>persist()
        .call(
            saved ->
                trail.record(
                    caller,
                    "audit.review.recorded",
                    AuditTrail.target("audit-log", "audit-log", null),
                    Map.of("reviewedThrough", saved.reviewedThrough.toString())))
        .call(controls::evaluate)
        .map(
            saved -> Response.status(Response.Status.CREATED).entity(ReviewView.of(saved)).build());
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The most recent reviews")
  public Uni<List<ReviewView>> list() {
    return AuditReview.<AuditReview>find("order by recordedAt desc")
        .range(0, 99)
        .list()
        .map(all -> all.stream().map(r -> ReviewView.of((AuditReview) r)).toList());
  }
}
