package dev.vigil.access.campaigns;

import dev.vigil.access.controls.ReviewScope;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Campaign definitions, campaigns, decisions and closing. */
@Path("/api/v1/access-reviews")
@Tag(name = "Access review campaigns")
public class CampaignResource {

  public record DefinitionRequest(
      String name,
      String scope,
      Integer durationDays,
      List<String> reviewers,
      String defaultDecision,
      Boolean applyRevocations,
      String schedule,
      OffsetDateTime firstStartAt,
      String reviewerMode) {}

  public record DecisionsRequest(List<Decisions.Decision> decisions) {}

  public record ItemView(
      long id,
      String source,
      String kind,
      String subjectId,
      String subject,
      List<String> roles,
      String recommendation,
      List<String> reasons,
      String decision,
      String justification,
      String decidedBy,
      OffsetDateTime decidedAt,
      String revocation,
      String revocationError,
      String reviewer) {
    public static ItemView of(CampaignItem i) {
      return new ItemView(
          i.id,
          i.sourceName,
          i.kind,
          i.subjectId,
          i.subjectLabel,
          i.roles,
          i.recommendation,
          i.reasons,
          i.decision,
          i.justification,
          i.decidedBy,
          i.decidedAt,
          i.revocation,
          i.revocationError,
          i.reviewer);
    }
  }

  public record CampaignView(
      UUID id,
      long definitionId,
      ReviewScope scope,
      String state,
      OffsetDateTime startedAt,
      OffsetDateTime dueAt,
      OffsetDateTime closedAt,
      String startedBy,
      String closedBy,
      List<ItemView> items) {}

  private final Campaigns campaigns;
  private final Decisions decisions;
  private final Revocations revocations;
  private final SecurityIdentity identity;
  private final AuditTrail audit;

  CampaignResource(
      Campaigns campaigns,
      Decisions decisions,
      Revocations revocations,
      SecurityIdentity identity,
      AuditTrail audit) {
    this.decisions = decisions;
    this.campaigns = campaigns;
    this.revocations = revocations;
    this.identity = identity;
    this.audit = audit;
  }

  @POST
  @Path("/campaign-definitions")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Define a campaign: scope, duration, reviewers (Entra oids), default decision")
  public Uni<Response> define(DefinitionRequest request) {
    CampaignDefinition definition = definition(request);
    return CampaignDefinition.count("name", definition.name)
        .chain(
            n -> {
              if (n > 0) {
                throw new ClientErrorException(
                    "a definition named " + definition.name + " exists", Response.Status.CONFLICT);
              }
              return definition.<CampaignDefinition>persist();
            })
        .call(
            d ->
                audit.record(
                    Caller.of(identity),
                    "access.campaign-definition.created",
                    AuditTrail.target("access-campaign-definition", d.id, d.name),
                    Map.of(
                        "scope",
                        d.scope.name(),
                        "reviewers",
                        d.reviewers,
                        "defaultDecision",
                        d.defaultDecision.name(),
                        "applyRevocations",
                        d.applyRevocations)))
        .map(d -> Response.status(Response.Status.CREATED).entity(d).build());
  }

  @GET
  @Path("/campaign-definitions")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.REVIEWER})
  @Operation(summary = "Every campaign definition")
  public Uni<List<CampaignDefinition>> definitions() {
    return CampaignDefinition.list("order by name");
  }

  @POST
  @Path("/campaign-definitions/{id}/campaigns")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Start a campaign: freeze its items and recommendations from the current snapshots")
  public Uni<Response> start(@PathParam("id") long definitionId) {
    Caller caller = Caller.of(identity);
    return CampaignDefinition.<CampaignDefinition>findById(definitionId)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no campaign definition " + definitionId))
        .chain(definition -> campaigns.start(definition, caller))
        .chain(campaign -> view(campaign.id))
        .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
  }

  @GET
  @Path("/campaigns/{id}")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.REVIEWER})
  @Operation(summary = "A campaign with its frozen items, decisions and revocation states")
  public Uni<CampaignView> get(@PathParam("id") UUID id) {
    return view(id);
  }

  @POST
  @Path("/campaigns/{id}/decisions")
  @WithTransaction
  @RolesAllowed(Roles.REVIEWER)
  @Operation(
      summary = "Record decisions (bulk, all or none)",
      description =
          "403 for callers who are not reviewers of the campaign or decide on their own access;"
              + " 409 once the campaign is closed; a justification is required against the"
              + " recommendation.")
  public Uni<List<ItemView>> decide(@PathParam("id") UUID id, DecisionsRequest request) {
    Caller caller = Caller.of(identity);
    return decisions
        .decide(id, request == null ? null : request.decisions(), caller)
        .map(items -> items.stream().map(ItemView::of).toList());
  }

  @POST
  @Path("/campaigns/{id}/close")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Close a campaign and apply its revocations",
      description =
          "Undecided items get the default decision; revoke decisions are requested, applied"
              + " through Graph for Entra ID when the definition says so, and verified by the"
              + " next sync.")
  public Uni<CampaignView> close(@PathParam("id") UUID id) {
    Caller caller = Caller.of(identity);
    return Panache.withTransaction(() -> campaigns.close(id, caller))
        .chain(campaign -> campaigns.applyIfConfigured(campaign))
        .chain(() -> Panache.withSession(() -> view(id)));
  }

  private Uni<CampaignView> view(UUID id) {
    return Campaign.byId(id)
        .chain(
            c ->
                CampaignItem.<CampaignItem>list("campaignId = ?1 order by id", id)
                    .map(
                        items ->
                            new CampaignView(
                                c.id,
                                c.definitionId,
                                c.scope,
                                c.state,
                                c.startedAt,
                                c.dueAt,
                                c.closedAt,
                                c.startedBy,
                                c.closedBy,
                                items.stream().map(ItemView::of).toList())));
  }

  private static CampaignDefinition definition(DefinitionRequest r) {
    if (r == null || r.name() == null || r.name().isBlank() || r.name().length() > 127) {
      throw new BadRequestException("name: required, at most 127 characters");
    }
    if (r.scope() == null
        || Arrays.stream(ReviewScope.values()).noneMatch(s -> s.name().equals(r.scope()))) {
      throw new BadRequestException("scope: required, MEMBERS, ADMINS, ROLES or API_KEYS");
    }
    int duration = r.durationDays() == null ? 14 : r.durationDays();
    if (duration < 1 || duration > 90) {
      throw new BadRequestException("durationDays: 1 to 90");
    }
    if (r.reviewers() == null
        || r.reviewers().isEmpty()
        || r.reviewers().stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 64)) {
      throw new BadRequestException(
          "reviewers: at least one Entra object id (oid); with reviewerMode MANAGERS, the"
              + " fallback reviewers of subjects without a manager");
    }
    String schedule = r.schedule() == null ? "QUARTERLY" : r.schedule();
    if (Arrays.stream(CampaignDefinition.Schedule.values())
        .noneMatch(s -> s.name().equals(schedule))) {
      throw new BadRequestException("schedule: NONE, MONTHLY, QUARTERLY, SEMIANNUAL or ANNUAL");
    }
    String mode = r.reviewerMode() == null ? "NAMED" : r.reviewerMode();
    if (Arrays.stream(CampaignDefinition.ReviewerMode.values())
        .noneMatch(m -> m.name().equals(mode))) {
      throw new BadRequestException("reviewerMode: NAMED or MANAGERS");
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (r.firstStartAt() != null
        && (r.firstStartAt().isBefore(now.minusDays(1))
            || r.firstStartAt().isAfter(now.plusYears(1)))) {
      throw new BadRequestException("firstStartAt: from today to a year ahead");
    }
    String fallback = r.defaultDecision() == null ? "NONE" : r.defaultDecision();
    if (Arrays.stream(CampaignDefinition.DefaultDecision.values())
        .noneMatch(d -> d.name().equals(fallback))) {
      throw new BadRequestException("defaultDecision: NONE, APPROVE or APPLY_RECOMMENDATIONS");
    }
    CampaignDefinition d = new CampaignDefinition();
    d.name = r.name();
    d.scope = ReviewScope.valueOf(r.scope());
    d.durationDays = duration;
    d.reviewers = List.copyOf(r.reviewers());
    d.defaultDecision = CampaignDefinition.DefaultDecision.valueOf(fallback);
    d.applyRevocations = Boolean.TRUE.equals(r.applyRevocations());
    d.createdAt = now;
    d.schedule = CampaignDefinition.Schedule.valueOf(schedule);
    d.reviewerMode = CampaignDefinition.ReviewerMode.valueOf(mode);
    d.nextStartAt =
        d.schedule == CampaignDefinition.Schedule.NONE
            ? null
            : r.firstStartAt() == null
                ? now
                : r.firstStartAt().withOffsetSameInstant(ZoneOffset.UTC);
    return d;
  }
}
