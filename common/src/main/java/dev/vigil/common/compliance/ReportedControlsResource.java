package dev.vigil.common.compliance;

import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this service last reported per control: for operators checking one service directly. */
@Path("/api/v1/reported-controls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Compliance")
public class ReportedControlsResource {

  /** One control as last reported. */
  public record ReportedControlView(
      String controlId,
      ControlStatus status,
      OffsetDateTime reportedAt,
      OffsetDateTime validUntil) {}

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.SERVICE})
  @Operation(summary = "The last evaluation this service reported for each control it owns")
  public Uni<List<ReportedControlView>> list() {
    return ReportedControl.<ReportedControl>listAll()
        .map(
            all ->
                all.stream()
                    .map(
                        c ->
                            new ReportedControlView(
                                c.controlId,
                                ControlStatus.valueOf(c.status),
                                c.reportedAt,
                                c.validUntil))
                    .sorted(java.util.Comparator.comparing(ReportedControlView::controlId))
                    .toList());
  }
}
