package dev.vigil.audit.detection;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.audit.search.Paging;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Security alerts: list them and acknowledge them with a note. */
@Path("/api/v1/audit/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AlertResource {

  /** An alert as the API shows it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AlertView(
      UUID id,
      String rule,
      String severity,
      String subject,
      OffsetDateTime raisedAt,
      OffsetDateTime lastSeenAt,
      int suppressed,
      int windowCount,
      int threshold,
      long windowSeconds,
      List<String> triggeringEventIds,
      String status,
      String acknowledgedBy,
      OffsetDateTime acknowledgedAt,
      String acknowledgement) {

    static AlertView of(SecurityAlert a) {
      return new AlertView(
          a.alertId,
          a.rule,
          a.severity,
          a.subject,
          a.raisedAt,
          a.lastSeenAt,
          a.suppressed,
          a.windowCount,
          a.threshold,
          a.windowSeconds,
          Arrays.asList(a.triggerEventIds.split(",")),
          a.status,
          a.acknowledgedBy,
          a.acknowledgedAt,
          a.acknowledgement);
    }
  }

  /** The body of an acknowledgement. */
  public record Acknowledgement(String note) {}

  private final SecurityIdentity identity;
  private final Event<AlertAcknowledged> acknowledged;
  private final StepUp stepUp;
  private final AuditTrail trail;

  AlertResource(
      SecurityIdentity identity,
      Event<AlertAcknowledged> acknowledged,
      StepUp stepUp,
      AuditTrail trail) {
    this.identity = identity;
    this.acknowledged = acknowledged;
    this.stepUp = stepUp;
    this.trail = trail;
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "List alerts, newest first, a page at a time (limit 1 to 500, default 100)")
  public Uni<List<AlertView>> list(
      @QueryParam("status") String status,
      @QueryParam("rule") String rule,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    Paging page = Paging.of(offset, limit);
    StringBuilder query = new StringBuilder("1 = 1");
    Parameters params = new Parameters();
    if (status != null) {
      query.append(" and status = :status");
      params.and("status", parseStatus(status).name());
    }
    if (rule != null) {
      query.append(" and rule = :rule");
      params.and("rule", rule);
    }
    return SecurityAlert.<SecurityAlert>find(query + " order by raisedAt desc, id desc", params)
        .range(page.offset(), page.last())
        .list()
        .map(all -> all.stream().map(AlertView::of).toList());
  }

  private static SecurityAlert.Status parseStatus(String status) {
    try {
      return SecurityAlert.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("status must be open or acknowledged");
    }
  }

  @POST
  @Path("{id}/acknowledge")
  @WithTransaction
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Acknowledge an alert with a note (what was checked, what was done)",
      description = "Needs step-up: an acknowledged alert no longer counts as open (MON-02).")
  public Uni<AlertView> acknowledge(@PathParam("id") UUID id, Acknowledgement body) {
    if (body == null
        || body.note() == null
        || body.note().isBlank()
        || body.note().length() > 2000) {
      throw new BadRequestException("an acknowledgement needs a note of 1 to 2000 characters");
    }
    stepUp.require(identity);
    Caller caller = Caller.of(identity);
    return SecurityAlert.<SecurityAlert>find("alertId", id)
        .<SecurityAlert>firstResult()
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no alert " + id))
        .chain(
            alert -> {
              alert.status = SecurityAlert.Status.ACKNOWLEDGED.name();
              alert.acknowledgedBy = caller.id();
              alert.acknowledgedAt = OffsetDateTime.now(ZoneOffset.UTC);
              alert.acknowledgement = body.note();
              return alert.<SecurityAlert>persist();
            })
        .call(
            alert ->
                trail.record(
                    caller,
                    "audit.alert.acknowledged",
                    AuditTrail.target("security-alert", alert.alertId.toString(), alert.rule),
                    Map.of("severity", alert.severity, "note", alert.acknowledgement)))
        .call(alert -> ChainedEvent.publish(acknowledged, new AlertAcknowledged(alert)))
        .map(AlertView::of);
  }
}
