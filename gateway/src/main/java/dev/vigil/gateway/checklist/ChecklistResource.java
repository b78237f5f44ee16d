package dev.vigil.gateway.checklist;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live admin security checklist: every control with its latest status and evidence. */
@Path("/api/v1/checklist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Checklist")
public class ChecklistResource {

  private final ControlCatalogue catalogue;

  ChecklistResource(ControlCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.REVIEWER, Roles.SERVICE})
  @Operation(
      summary = "Every checklist control with its latest status",
      description =
          "Controls nobody has evaluated, and evaluations past their valid-until, are UNKNOWN.")
  public Uni<ChecklistView> checklist() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return ControlState.<ControlState>listAll()
        .map(
            states -> {
              Map<String, ControlState> byId =
                  states.stream().collect(Collectors.toMap(s -> s.controlId, Function.identity()));
              List<ChecklistView.ControlView> controls =
                  catalogue.controls().stream().map(c -> view(c, byId.get(c.id()), now)).toList();
              return new ChecklistView(now, summary(controls), catalogue.sections(), controls);
            });
  }

  private static ChecklistView.ControlView view(
      ControlDefinition control, ControlState state, OffsetDateTime now) {
    if (state == null) {
      return new ChecklistView.ControlView(
          control.id(),
          control.section(),
          control.title(),
          control.owner(),
          control.kind(),
          ControlStatus.UNKNOWN,
          false,
          null,
          null,
          null,
          null);
    }
    boolean stale = !state.validUntil.isAfter(now);
    return new ChecklistView.ControlView(
        control.id(),
        control.section(),
        control.title(),
        control.owner(),
        control.kind(),
        stale ? ControlStatus.UNKNOWN : ControlStatus.valueOf(state.status),
        stale,
        state.evaluatedAt,
        state.validUntil,
        state.evaluatedBy,
        state.evidence);
  }

  private static Map<String, Integer> summary(List<ChecklistView.ControlView> controls) {
    Map<String, Integer> summary = new LinkedHashMap<>();
    summary.put("total", controls.size());
    Arrays.stream(ControlStatus.values()).forEach(status -> summary.put(status.name(), 0));
    controls.forEach(c -> summary.merge(c.status().name(), 1, Integer::sum));
    return summary;
  }
}
