package dev.vigil.access.containment;

import dev.vigil.common.events.access.ContainmentExecuted;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** IR-02 Contain: cut one compromised account off. */
@Path("/api/v1/access-reviews/containment")
@Tag(name = "Containment")
public class ContainmentResource {

  /**
   * @param sourceId the source the account lives in
   * @param subject the account id (Entra object id, or platform member id)
   * @param actions any of REVOKE_SESSIONS, DISABLE, REMOVE_ROLES, REVOKE_API_KEYS
   * @param incidentId the incident it belongs to, optional
   */
  public record ContainmentRequest(
      Long sourceId, String subject, List<String> actions, String incidentId) {}

  private final Containment containment;
  private final StepUp stepUp;
  private final SecurityIdentity identity;

  ContainmentResource(Containment containment, StepUp stepUp, SecurityIdentity identity) {
    this.containment = containment;
    this.stepUp = stepUp;
    this.identity = identity;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Contain one account (needs step-up)",
      description =
          "Runs the chosen actions and returns a result per action: DONE or FAILED through"
              + " Microsoft Graph for Entra ID, REQUESTED from the platform by event otherwise."
              + " Audited with the caller's oid, azp and tid.")
  public Uni<ContainmentExecuted> contain(ContainmentRequest request) {
    stepUp.require(identity);
    if (request == null || request.sourceId() == null) {
      throw new BadRequestException("sourceId: required");
    }
    if (request.subject() == null
        || request.subject().isBlank()
        || request.subject().length() > 255) {
      throw new BadRequestException("subject: required, at most 255 characters");
    }
    if (request.actions() == null
        || request.actions().isEmpty()
        || !Containment.ACTIONS.containsAll(request.actions())) {
      throw new BadRequestException(
          "actions: one or more of REVOKE_SESSIONS, DISABLE, REMOVE_ROLES, REVOKE_API_KEYS");
    }
    if (request.incidentId() != null && request.incidentId().length() > 64) {
      throw new BadRequestException("incidentId: at most 64 characters");
    }
    Caller caller = Caller.of(identity);
    return containment.execute(
        request.sourceId(), request.subject(), request.actions(), request.incidentId(), caller);
  }
}
