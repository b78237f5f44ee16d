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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Attestations: a named administrator confirms an attest or auto+attest control, with a note, an
 * evidence link and an expiry. Creating and revoking need step-up.
 */
@Path("/api/v1/checklist/attestations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Checklist")
public class AttestationResource {

  private final ControlCatalogue catalogue;
  private final StepUp stepUp;
  private final SecurityIdentity identity;

  AttestationResource(ControlCatalogue catalogue, StepUp stepUp, SecurityIdentity identity) {
    this.catalogue = catalogue;
    this.stepUp = stepUp;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Attest a control (admin, step-up)",
      description =
          "Valid for the control's attestation period (90 days for quarterly items, 365 otherwise)"
              + " unless expiresAt is sooner. An attestation never hides a FAIL or WARN found by"
              + " software.")
  public Uni<Response> attest(AttestationRequest request) {
    stepUp.require(identity);
    if (request == null) {
      throw new BadRequestException("a JSON body with controlId and note is required");
    }
    ControlDefinition control = Validation.control(catalogue, request.controlId());
    if (!control.attestable()) {
      throw new BadRequestException(
          "control " + control.id() + " is evaluated automatically only and cannot be attested");
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    OffsetDateTime latest = now.plus(Duration.ofDays(control.attestationDays()));
    OffsetDateTime expiresAt = request.expiresAt() != null ? request.expiresAt() : latest;
    if (!expiresAt.isAfter(now) || expiresAt.isAfter(latest)) {
      throw new BadRequestException(
          "expiresAt must be in the future and at most "
              + control.attestationDays()
              + " days ahead for "
              + control.id());
    }
    Caller caller = Caller.of(identity);
    Attestation attestation = new Attestation();
    attestation.id = UUID.randomUUID();
    attestation.controlId = control.id();
    attestation.attestedBy = caller.id();
    attestation.attestedByName = caller.name();
    attestation.tenantId = caller.tenant();
    attestation.note = Validation.text(request.note(), "note");
    attestation.evidenceLink = Validation.link(request.evidenceLink());
    attestation.attestedAt = now;
    attestation.expiresAt = expiresAt;
    return attestation
        .<Attestation>persist()
        .map(
            saved ->
                Response.status(Response.Status.CREATED).entity(AttestationView.of(saved)).build());
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.REVIEWER})
  @Operation(summary = "Attestations, newest first; active=true keeps the ones that count now")
  public Uni<List<AttestationView>> list(
      @QueryParam("controlId") String controlId, @QueryParam("active") boolean active) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Uni<List<Attestation>> found =
        controlId == null
            ? Attestation.listAll(Sort.descending("attestedAt"))
            : Attestation.list("controlId", Sort.descending("attestedAt"), controlId);
    return found.map(
        all ->
            all.stream().filter(a -> !active || a.activeAt(now)).map(AttestationView::of).toList());
  }

  @DELETE
  @Path("{id}")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Revoke an attestation (admin, step-up); it stops counting at once")
  public Uni<AttestationView> revoke(@PathParam("id") UUID id) {
    stepUp.require(identity);
    return Attestation.<Attestation>findById(id)
        .map(
            attestation -> {
              if (attestation == null) {
                throw new NotFoundException("no attestation " + id);
              }
              if (attestation.revokedAt != null) {
                throw new ClientErrorException(
                    "attestation " + id + " was already revoked", Response.Status.CONFLICT);
              }
              attestation.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
              attestation.revokedBy = Caller.of(identity).id();
              return AttestationView.of(attestation);
            });
  }
}
