package dev.vigil.gateway.attestations;

import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import dev.vigil.gateway.catalogue.ControlCatalogue;
import dev.vigil.gateway.catalogue.ControlDefinition;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Accepted-risk exceptions: an administrator records why a control may stay unmet, until an expiry
 * of at most a year. The status stays what the evidence says; the report lists every exception.
 */
@Path("/api/v1/checklist/exceptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Checklist")
public class ExceptionResource {

  static final int MAX_DAYS = 365;

  private final ControlCatalogue catalogue;
  private final StepUp stepUp;
  private final SecurityIdentity identity;

  ExceptionResource(ControlCatalogue catalogue, StepUp stepUp, SecurityIdentity identity) {
    this.catalogue = catalogue;
    this.stepUp = stepUp;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Accept the risk of an unmet control until an expiry (admin, step-up)")
  public Uni<Response> accept(ExceptionRequest request) {
    stepUp.require(identity);
    if (request == null) {
      throw new BadRequestException("a JSON body with controlId, reason and expiresAt is required");
    }
    ControlDefinition control = Validation.control(catalogue, request.controlId());
    String reason = Validation.text(request.reason(), "reason");
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    if (request.expiresAt() == null
        || !request.expiresAt().isAfter(now)
        || request.expiresAt().isAfter(now.plusDays(MAX_DAYS))) {
      throw new BadRequestException(
          "expiresAt is required, in the future and at most " + MAX_DAYS + " days ahead");
    }
    Caller caller = Caller.of(identity);
    RiskException exception = new RiskException();
    exception.id = UUID.randomUUID();
    exception.controlId = control.id();
    exception.reason = reason;
    exception.acceptedBy = caller.id();
    exception.acceptedByName = caller.name();
    exception.tenantId = caller.tenant();
    exception.acceptedAt = now;
    exception.expiresAt = request.expiresAt();
    return exception
        .<RiskException>persist()
        .map(
            saved ->
                Response.status(Response.Status.CREATED).entity(ExceptionView.of(saved)).build());
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.REVIEWER})
  @Operation(summary = "Exceptions, newest first; active=true keeps the ones in force now")
  public Uni<List<ExceptionView>> list(
      @QueryParam("controlId") String controlId, @QueryParam("active") boolean active) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Uni<List<RiskException>> found =
        controlId == null
            ? RiskException.listAll(Sort.descending("acceptedAt"))
            : RiskException.list("controlId", Sort.descending("acceptedAt"), controlId);
    return found.map(
        all ->
            all.stream().filter(e -> !active || e.activeAt(now)).map(ExceptionView::of).toList());
  }

  @DELETE
  @Path("{id}")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Withdraw an exception (admin, step-up)")
  public Uni<ExceptionView> withdraw(@PathParam("id") UUID id) {
    stepUp.require(identity);
    return RiskException.<RiskException>findById(id)
        .map(
            exception -> {
              if (exception == null) {
                throw new NotFoundException("no exception " + id);
              }
              if (exception.revokedAt != null) {
                throw new ClientErrorException(
                    "exception " + id + " was already withdrawn", Response.Status.CONFLICT);
              }
              exception.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
              exception.revokedBy = Caller.of(identity).id();
              return ExceptionView.of(exception);
            });
  }
}
