package dev.vigil.gateway.checklist;

import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.gateway.catalogue.ControlCatalogue;
import dev.vigil.gateway.catalogue.ControlDefinition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Re-evaluation on demand: every service (the gateway included) evaluates its controls now and
 * reports each result, changed or not. Not step-up: it changes no state but the freshness of
 * evaluations, and exports nothing.
 */
@Path("/api/v1/checklist")
@Tag(name = "Checklist")
public class EvaluationRequestResource {

  /** Controls a service evaluates; the others are attested, not evaluated. */
  private static final Pattern EVALUATED =
      Pattern.compile("^(KEY|DB|NET|AUTH|ACC|MON|MNT|BKV|ENV|CON)-[0-9]{2}$");

  /** What to limit the request to; the body and both lists are optional. */
  public record Request(List<String> controls, List<String> services) {}

  /** The accepted request; its results arrive on the checklist as each service reports. */
  public record Accepted(String requestId, OffsetDateTime requestedAt) {}

  private final SecurityIdentity identity;
  private final ControlCatalogue catalogue;
  private final EvaluationRequestPublisher publisher;

  EvaluationRequestResource(
      SecurityIdentity identity, ControlCatalogue catalogue, EvaluationRequestPublisher publisher) {
    this.identity = identity;
    this.catalogue = catalogue;
    this.publisher = publisher;
  }

  @POST
  @Path("evaluate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Ask every service to re-evaluate its controls now",
      description =
          "202 with the request id; each service reports every control it owns (or only the"
              + " listed controls, in the listed services) with a fresh evaluation, changed or"
              + " not.")
  public Uni<Response> evaluate(Request request) {
    List<String> controls = controls(request == null ? null : request.controls());
    List<String> services = services(request == null ? null : request.services());
    Caller caller = Caller.of(identity);
    return Panache.withTransaction(() -> publisher.request(caller, "api", controls, services))
        .map(
            published ->
                Response.accepted(new Accepted(published.requestId(), published.requestedAt()))
                    .build());
  }

  private List<String> controls(List<String> requested) {
    if (requested == null) {
      return List.of();
    }
    if (requested.size() > 200) {
      throw new BadRequestException("controls is limited to 200 entries");
    }
    for (String id : requested) {
      if (id == null || !EVALUATED.matcher(id).matches() || catalogue.control(id).isEmpty()) {
        throw new BadRequestException(
            "controls: "
                + (id == null ? "null" : id.length() <= 16 ? id : id.substring(0, 16) + "…")
                + " is not a control a service evaluates");
      }
    }
    return requested.stream().distinct().toList();
  }

  private List<String> services(List<String> requested) {
    if (requested == null) {
      return List.of();
    }
    Set<String> owners =
        catalogue.controls().stream().map(ControlDefinition::owner).collect(Collectors.toSet());
    for (String service : requested) {
      if (service == null || !owners.contains(service)) {
        throw new BadRequestException(
            "services: only the controls' owners " + owners.stream().sorted().toList());
      }
    }
    return requested.stream().distinct().toList();
  }
}
