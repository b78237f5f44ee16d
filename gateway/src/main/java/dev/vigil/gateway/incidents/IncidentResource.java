package dev.vigil.gateway.incidents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.gateway.checklist.ChecklistAssembler;
import dev.vigil.gateway.checklist.ChecklistView;
import dev.vigil.gateway.checklist.EvaluationRequestPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * IR-04, review: an incident record that links alerts, audit ranges, actions and exports, and is
 * closed with a review note. Closing keeps the checklist as it stood and, in the same transaction,
 * asks every service to re-evaluate its controls ({@code incident-closed:<id>}).
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final SecurityIdentity identity;
  private final ChecklistAssembler checklist;
  private final EvaluationRequestPublisher evaluationRequests;

  IncidentResource(
      SecurityIdentity identity,
      ChecklistAssembler checklist,
      EvaluationRequestPublisher evaluationRequests) {
    this.identity = identity;
    this.checklist = checklist;
    this.evaluationRequests = evaluationRequests;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Open an incident record")
  public Uni<Response> open(IncidentRequests.Open request) {
    if (request == null || request.title() == null || request.title().isBlank()) {
      throw new BadRequestException("title is required");
    }
    if (request.title().length() > 200) {
      throw new BadRequestException("title is limited to 200 characters");
    }
    if (request.description() != null && request.description().length() > 2000) {
      throw new BadRequestException("description is limited to 2000 characters");
    }
    Caller caller = Caller.of(identity);
    Incident incident = new Incident();
    incident.id = UUID.randomUUID();
    incident.title = request.title().strip();
    incident.severity = request.severity() != null ? request.severity() : Incident.Severity.MEDIUM;
    incident.description = request.description();
    incident.status = Incident.Status.OPEN;
    incident.openedBy = caller.id();
    incident.openedByName = caller.name();
    incident.openedAt = Incident.now();
    return Panache.withTransaction(incident::persist)
        .map(
            saved ->
                Response.status(Response.Status.CREATED)
                    .entity(IncidentView.of(incident, List.of()))
                    .build());
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "Incidents, newest first; status filters OPEN or CLOSED")
  public Uni<List<IncidentView>> list(@QueryParam("status") Incident.Status status) {
    Uni<List<Incident>> found =
        status == null
            ? Incident.listAll(Sort.descending("openedAt"))
            : Incident.list("status", Sort.descending("openedAt"), status);
    return found.map(all -> all.stream().map(i -> IncidentView.of(i, List.of())).toList());
  }

  @GET
  @Path("{id}")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "One incident with its links")
  public Uni<IncidentView> get(@PathParam("id") UUID id) {
    return find(id).chain(this::withLinks);
  }

  @POST
  @Path("{id}/links")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Link an alert, audit range, action, export or other evidence to an open incident")
  public Uni<Response> link(@PathParam("id") UUID id, IncidentRequests.Link request) {
    IncidentLink link = validLink(request);
    return Panache.withTransaction(
            () ->
                lock(id)
                    .chain(
                        incident -> {
                          requireOpen(incident);
                          link.incidentId = incident.id;
                          return link.<IncidentLink>persist().chain(() -> withLinks(incident));
                        }))
        .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
  }

  @POST
  @Path("{id}/close")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Close an incident with its review note",
      description =
          "Keeps the checklist summary and every control not passing at close (before any"
              + " re-evaluation), and asks every service to re-evaluate its controls at once.")
  public Uni<IncidentView> close(@PathParam("id") UUID id, IncidentRequests.Close request) {
    if (request == null || request.reviewNote() == null || request.reviewNote().isBlank()) {
      throw new BadRequestException("reviewNote is required to close an incident");
    }
    if (request.reviewNote().length() > 10_000) {
      throw new BadRequestException("reviewNote is limited to 10000 characters");
    }
    return Panache.withTransaction(
        () ->
            lock(id)
                .chain(
                    incident -> {
                      requireOpen(incident);
                      Caller caller = Caller.of(identity);
                      return checklist
                          .live(c -> true)
                          .chain(
                              view -> {
                                incident.status = Incident.Status.CLOSED;
                                incident.closedAt = Incident.now();
                                incident.closedBy = caller.id();
                                incident.reviewNote = request.reviewNote().strip();
                                incident.checklistAtClose = snapshot(view);
                                return evaluationRequests
                                    .request(
                                        caller,
                                        "incident-closed:" + incident.id,
                                        List.of(),
                                        List.of())
                                    .chain(() -> withLinks(incident));
                              });
                    }));
  }

  private static Uni<Incident> find(UUID id) {
    return Incident.<Incident>findById(id).map(incident -> existing(incident, id));
  }

  /** For changes: holds the incident's row, so a close and a link (or two closes) never race. */
  private static Uni<Incident> lock(UUID id) {
    return Incident.<Incident>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .map(incident -> existing(incident, id));
  }

  private static Incident existing(Incident incident, UUID id) {
    if (incident == null) {
      throw new NotFoundException("no incident " + id);
    }
    return incident;
  }

  private Uni<IncidentView> withLinks(Incident incident) {
    return IncidentLink.<IncidentLink>list("incidentId", Sort.ascending("addedAt"), incident.id)
        .map(links -> IncidentView.of(incident, links));
  }

  private static void requireOpen(Incident incident) {
    if (incident.status == Incident.Status.CLOSED) {
      throw new ClientErrorException(
          "incident " + incident.id + " is closed", Response.Status.CONFLICT);
    }
  }

  private IncidentLink validLink(IncidentRequests.Link request) {
    if (request == null || request.kind() == null) {
      throw new BadRequestException(
          "kind is required: ALERT, AUDIT_RANGE, ACTION, EXPORT or EVIDENCE");
    }
    if (request.reference() == null || request.reference().isBlank()) {
      throw new BadRequestException("reference is required");
    }
    if (request.reference().length() > 512) {
      throw new BadRequestException("reference is limited to 512 characters");
    }
    if (request.note() != null && request.note().length() > 2000) {
      throw new BadRequestException("note is limited to 2000 characters");
    }
    boolean range = request.kind() == IncidentLink.Kind.AUDIT_RANGE;
    if (range
        && (request.from() == null
            || request.to() == null
            || !request.to().isAfter(request.from()))) {
      throw new BadRequestException("an AUDIT_RANGE needs from and to, with to after from");
    }
    if (!range && (request.from() != null || request.to() != null)) {
      throw new BadRequestException("from and to belong to AUDIT_RANGE links only");
    }
    IncidentLink link = new IncidentLink();
    link.id = UUID.randomUUID();
    link.kind = request.kind();
    link.reference = request.reference().strip();
    link.note = request.note();
    link.rangeFrom = request.from();
    link.rangeTo = request.to();
    link.addedBy = Caller.of(identity).id();
    link.addedAt = Incident.now();
    return link;
  }

  private static String snapshot(ChecklistView view) {
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("asOf", view.asOf().toString());
    snapshot.put("summary", view.summary());
    snapshot.put(
        "notPassing",
        view.controls().stream()
            .filter(c -> c.status() != ControlStatus.PASS && c.status() != ControlStatus.ATTESTED)
            .map(c -> Map.of("id", c.id(), "status", c.status().name()))
            .toList());
    try {
      return JSON.writeValueAsString(snapshot);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record the checklist at close", e);
    }
  }
}
