package dev.vigil.gateway.checklist;

import dev.vigil.common.security.Roles;
import dev.vigil.gateway.attestations.Attestation;
import dev.vigil.gateway.attestations.AttestationView;
import dev.vigil.gateway.attestations.ExceptionView;
import dev.vigil.gateway.attestations.RiskException;
import dev.vigil.gateway.catalogue.ControlCatalogue;
import dev.vigil.gateway.catalogue.ControlDefinition;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live admin security checklist: every control with its status, evidence and attestation. */
@Path("/api/v1/checklist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Checklist")
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.REVIEWER, Roles.SERVICE})
public class ChecklistResource {

  private final ControlCatalogue catalogue;
  private final ChecklistAssembler assembler;

  ChecklistResource(ControlCatalogue catalogue, ChecklistAssembler assembler) {
    this.catalogue = catalogue;
    this.assembler = assembler;
  }

  @GET
  @WithSession
  @Operation(
      summary = "Every checklist control with its status",
      description =
          "Controls nobody has evaluated, and evaluations past their valid-until, are UNKNOWN."
              + " section, owner and status filter the controls (repeat the parameter or separate"
              + " values with commas); the summary counts the chosen sections and owners.")
  public Uni<ChecklistView> checklist(
      @Parameter(description = "section IDs, e.g. encryption-keys") @QueryParam("section")
          List<String> sections,
      @Parameter(description = "owning services, e.g. gateway") @QueryParam("owner")
          List<String> owners,
      @Parameter(description = "PASS, FAIL, WARN, UNKNOWN or ATTESTED") @QueryParam("status")
          List<String> statuses) {
    ChecklistFilter filter = ChecklistFilter.parse(sections, owners, statuses, catalogue);
    return assembler.live(filter.controls()).map(filter::apply);
  }

  @GET
  @Path("controls/{controlId}")
  @WithSession
  @Operation(summary = "One control with its status, evidence, attestation and exception")
  public Uni<ChecklistView.ControlView> control(@PathParam("controlId") String controlId) {
    ControlDefinition control = catalogue.require(controlId);
    return assembler.live(c -> c.id().equals(control.id())).map(view -> view.controls().get(0));
  }

  @GET
  @Path("controls/{controlId}/history")
  @WithSession
  @Operation(
      summary = "A control's evaluations, newest first, with all its attestations and exceptions",
      description = "before pages back through older evaluations.")
  public Uni<ControlHistoryView> history(
      @PathParam("controlId") String controlId,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("before") OffsetDateTime before) {
    ControlDefinition control = catalogue.require(controlId);
    if (limit < 1 || limit > 500) {
      throw new BadRequestException("limit must be between 1 and 500");
    }
    OffsetDateTime until =
        before != null ? before : OffsetDateTime.now(ZoneOffset.UTC).plusYears(1);
    return ControlHistoryEntry.<ControlHistoryEntry>find(
            "controlId = ?1 and evaluatedAt < ?2",
            Sort.descending("evaluatedAt").and("id", Sort.Direction.Descending),
            control.id(),
            until)
        .page(Page.ofSize(limit))
        .list()
        .chain(
            entries ->
                Attestation.<Attestation>list(
                        "controlId", Sort.descending("attestedAt"), control.id())
                    .chain(
                        attestations ->
                            RiskException.<RiskException>list(
                                    "controlId", Sort.descending("acceptedAt"), control.id())
                                .map(
                                    exceptions ->
                                        new ControlHistoryView(
                                            control,
                                            entries.stream()
                                                .map(ControlHistoryView.Entry::of)
                                                .toList(),
                                            attestations.stream().map(AttestationView::of).toList(),
                                            exceptions.stream().map(ExceptionView::of).toList()))));
  }
}
