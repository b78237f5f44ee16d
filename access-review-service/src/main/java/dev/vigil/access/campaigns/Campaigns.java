package dev.vigil.access.campaigns;

import dev.vigil.access.AccessConfig;
import dev.vigil.access.controls.AccessControls;
import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.snapshot.SnapshotStore;
import dev.vigil.access.snapshot.Source;
import dev.vigil.access.snapshot.SourceSnapshot;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.access.CampaignClosed;
import dev.vigil.common.events.access.CampaignStarted;
import dev.vigil.common.events.access.DecisionRecorded;
import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts campaigns (freezing items and recommendations from the current snapshots), records
 * decisions and closes campaigns. Every state change and its events commit together.
 */
@ApplicationScoped
public class Campaigns {

  /** One decision of a bulk request. */
  public record Decision(Long itemId, String decision, String justification) {}

  private final SnapshotStore store;
  private final AccessConfig config;
  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;
  private final Revocations revocations;
  private final AccessControls controls;
  private final AuditTrail audit;

  Campaigns(
      SnapshotStore store,
      AccessConfig config,
      EventFactory events,
      Outbox outbox,
      VigilTopics topics,
      Revocations revocations,
      AccessControls controls,
      AuditTrail audit) {
    this.store = store;
    this.config = config;
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
    this.revocations = revocations;
    this.controls = controls;
    this.audit = audit;
  }

  /** Freezes the definition's items from every source's current snapshot; needs a transaction. */
  public Uni<Campaign> start(CampaignDefinition definition, Caller caller) {
    Instant now = Instant.now();
    AccessSettings settings = AccessSettings.of(config);
    Campaign campaign = new Campaign();
    campaign.id = UUID.randomUUID();
    campaign.definitionId = definition.id;
    campaign.scope = definition.scope;
    campaign.state = Campaign.OPEN;
    campaign.startedAt = now.atOffset(ZoneOffset.UTC);
    campaign.dueAt = campaign.startedAt.plusDays(definition.durationDays);
    campaign.startedBy = caller.id();
    return Source.<Source>listAll()
        .chain(
            sources -> {
              if (sources.isEmpty()) {
                throw new ClientErrorException(
                    "no source to review: register and sync one first", Response.Status.CONFLICT);
              }
              return Multi.createFrom()
                  .iterable(sources)
                  .onItem()
                  .transformToUniAndConcatenate(
                      source ->
                          store
                              .current(source)
                              .map(
                                  snapshot ->
                                      items(
                                          campaign,
                                          definition.reviewerMode,
                                          source,
                                          snapshot,
                                          settings,
                                          now)))
                  .collect()
                  .asList();
            })
        .chain(
            perSource -> {
              List<CampaignItem> items =
                  perSource.stream().flatMap(Optional::stream).flatMap(List::stream).toList();
              if (perSource.stream().allMatch(Optional::isEmpty)) {
                throw new ClientErrorException(
                    "no source has a snapshot yet", Response.Status.CONFLICT);
              }
              int recommended =
                  (int) items.stream().filter(i -> "REVOKE".equals(i.recommendation)).count();
              // Items are inserted at persist (identity ids); the campaign row must exist first.
              return campaign
                  .persistAndFlush()
                  .chain(() -> Panache.getSession())
                  .chain(session -> session.persistAll(items.toArray()))
                  .chain(
                      () ->
                          outbox.enqueue(
                              topics.access(),
                              events.create(
                                  campaign.id.toString(),
                                  new CampaignStarted(
                                      campaign.id.toString(),
                                      definition.name,
                                      definition.scope.name(),
                                      items.size(),
                                      recommended,
                                      campaign.dueAt,
                                      caller.id(),
                                      caller.oid(),
                                      caller.azp(),
                                      caller.tenant()))))
                  .chain(
                      () ->
                          audit.record(
                              caller,
                              "access.campaign.started",
                              AuditTrail.target("access-campaign", campaign.id, definition.name),
                              Map.of(
                                  "scope",
                                  definition.scope.name(),
                                  "items",
                                  items.size(),
                                  "recommendedRevocations",
                                  recommended)));
            })
        .replaceWith(campaign);
  }

  private static Optional<List<CampaignItem>> items(
      Campaign campaign,
      CampaignDefinition.ReviewerMode reviewerMode,
      Source source,
      SourceSnapshot snapshot,
      AccessSettings settings,
      Instant now) {
    if (snapshot == null) {
      return Optional.empty();
    }
    List<CampaignItem> items =
        Recommendations.of(campaign.scope, snapshot, settings, now).stream()
            .map(
                r -> {
                  CampaignItem item = new CampaignItem();
                  item.campaignId = campaign.id;
                  item.sourceId = source.id;
                  item.sourceName = source.name;
                  item.kind = r.kind();
                  item.subjectId = r.subjectId();
                  item.subjectLabel = truncate(r.label(), 600);
                  item.ownerId = r.ownerId();
                  item.roles = r.roles();
                  item.recommendation = r.recommendation();
                  item.reasons = r.reasons();
                  // A subject managed by themselves falls to the fallback reviewers.
                  item.reviewer =
                      reviewerMode == CampaignDefinition.ReviewerMode.MANAGERS
                              && r.managerId() != null
                              && !r.managerId().equals(r.ownerId())
                          ? r.managerId()
                          : null;
                  return item;
                })
            .toList();
    return Optional.of(items);
  }

  /**
   * Records decisions, all or none; needs a transaction.
   *
   * @throws ForbiddenException (403) for a caller who is not a reviewer of the campaign or decides
   *     on their own access
   * @throws ClientErrorException 409 once the campaign is closed
   */
  public Uni<List<CampaignItem>> decide(UUID campaignId, List<Decision> decisions, Caller caller) {
    if (decisions == null || decisions.isEmpty()) {
      throw new BadRequestException("decisions: at least one is required");
    }
    if (decisions.size() > 1000) {
      throw new BadRequestException("decisions: at most 1000 per request");
    }
    return Campaign.byId(campaignId)
        .chain(
            campaign -> {
              if (!Campaign.OPEN.equals(campaign.state)) {
                throw new ClientErrorException(
                    "campaign " + campaignId + " is closed; decisions are final",
                    Response.Status.CONFLICT);
              }
              return CampaignDefinition.<CampaignDefinition>findById(campaign.definitionId)
                  .chain(
                      definition -> {
                        if (definition.reviewerMode == CampaignDefinition.ReviewerMode.NAMED
                            && !definition.reviewers.contains(caller.id())) {
                          throw new ForbiddenException("you are not a reviewer of this campaign");
                        }
                        return CampaignItem.<CampaignItem>list("campaignId", campaignId)
                            .chain(items -> apply(campaign, definition, items, decisions, caller));
                      });
            });
  }

  private Uni<List<CampaignItem>> apply(
      Campaign campaign,
      CampaignDefinition definition,
      List<CampaignItem> items,
      List<Decision> decisions,
      Caller caller) {
    Map<Long, CampaignItem> byId = new HashMap<>();
    items.forEach(i -> byId.put(i.id, i));
    List<String> errors = new ArrayList<>();
    List<CampaignItem> decided = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < decisions.size(); i++) {
      Decision d = decisions.get(i);
      String field = "decisions[" + i + "]";
      CampaignItem item = d == null || d.itemId() == null ? null : byId.get(d.itemId());
      if (item == null) {
        errors.add(field + ".itemId: not an item of this campaign");
        continue;
      }
      if (caller.is(item.subjectId) || caller.is(item.ownerId)) {
        throw new ForbiddenException(
            "nobody decides on their own access: item " + item.id + " is yours");
      }
      if (!reviews(definition, item, caller)) {
        throw new ForbiddenException(
            "item "
                + item.id
                + " is decided by "
                + (item.reviewer != null ? "its manager" : "the campaign's reviewers"));
      }
      if (!List.of("APPROVE", "REVOKE", "MODIFY").contains(d.decision())) {
        errors.add(field + ".decision: APPROVE, REVOKE or MODIFY");
        continue;
      }
      boolean against =
          ("APPROVE".equals(d.decision()) && "REVOKE".equals(item.recommendation))
              || ("REVOKE".equals(d.decision()) && "KEEP".equals(item.recommendation))
              || "MODIFY".equals(d.decision());
      if (against && (d.justification() == null || d.justification().isBlank())) {
        errors.add(
            field
                + ".justification: required when the decision goes against the"
                + " recommendation ("
                + item.recommendation
                + ") or modifies access");
        continue;
      }
      if (d.justification() != null && d.justification().length() > 2000) {
        errors.add(field + ".justification: at most 2000 characters");
        continue;
      }
      item.decision = d.decision();
      item.justification = d.justification();
      item.decidedBy = caller.id();
      item.decidedAt = now;
      decided.add(item);
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(String.join("; ", errors));
    }
    return Multi.createFrom()
        .iterable(decided)
        .onItem()
        .transformToUniAndConcatenate(
            item ->
                outbox
                    .enqueue(
                        topics.access(),
                        events.create(
                            campaign.id.toString(),
                            new DecisionRecorded(
                                campaign.id.toString(),
                                item.id,
                                item.sourceName,
                                item.subjectId,
                                item.decision,
                                item.recommendation,
                                item.justification,
                                item.decidedBy,
                                caller.oid(),
                                caller.azp(),
                                caller.tenant())))
                    .call(
                        () ->
                            audit.record(
                                caller,
                                "access.decision.recorded",
                                AuditTrail.target("access-campaign-item", item.id, item.key()),
                                Map.of(
                                    "campaignId",
                                    campaign.id.toString(),
                                    "decision",
                                    item.decision,
                                    "recommendation",
                                    item.recommendation))))
        .collect()
        .last()
        .replaceWith(decided);
  }

  /**
   * Closes the campaign: the default decision fills undecided items, revoke decisions become
   * revocation requests. Needs a transaction; Graph revocations run after it commits ({@link
   * Revocations#applyRequested}).
   */
  public Uni<Campaign> close(UUID campaignId, Caller caller) {
    return Campaign.byId(campaignId)
        .chain(
            campaign -> {
              if (!Campaign.OPEN.equals(campaign.state)) {
                throw new ClientErrorException(
                    "campaign " + campaignId + " is already closed", Response.Status.CONFLICT);
              }
              return CampaignDefinition.<CampaignDefinition>findById(campaign.definitionId)
                  .chain(
                      definition ->
                          CampaignItem.<CampaignItem>list("campaignId", campaignId)
                              .chain(items -> close(campaign, definition, items, caller)));
            });
  }

  private Uni<Campaign> close(
      Campaign campaign, CampaignDefinition definition, List<CampaignItem> items, Caller caller) {
    String closedBy = caller.isSystem() ? "expiry" : caller.id();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (CampaignItem item : items) {
      if (item.decision == null
          && definition.defaultDecision != CampaignDefinition.DefaultDecision.NONE) {
        boolean revoke =
            definition.defaultDecision == CampaignDefinition.DefaultDecision.APPLY_RECOMMENDATIONS
                && "REVOKE".equals(item.recommendation);
        item.decision = revoke ? "REVOKE" : "APPROVE";
        item.decidedBy = "default:" + definition.defaultDecision.name().toLowerCase();
        item.decidedAt = now;
      }
    }
    campaign.state = Campaign.CLOSED;
    campaign.closedAt = now;
    campaign.closedBy = closedBy;
    List<CampaignItem> revoked = items.stream().filter(i -> "REVOKE".equals(i.decision)).toList();
    CampaignClosed closed =
        new CampaignClosed(
            campaign.id.toString(),
            campaign.scope.name(),
            now,
            closedBy,
            (int) items.stream().filter(i -> "APPROVE".equals(i.decision)).count(),
            revoked.size(),
            (int) items.stream().filter(i -> i.decision == null).count(),
            caller.oid(),
            caller.azp(),
            caller.tenant());
    return revocations
        .request(revoked, "campaign:" + campaign.id)
        .chain(() -> outbox.enqueue(topics.access(), events.create(campaign.id.toString(), closed)))
        .chain(
            () ->
                audit.record(
                    caller,
                    "access.campaign.closed",
                    AuditTrail.target("access-campaign", campaign.id, definition.name),
                    Map.of(
                        "approved",
                        closed.approved(),
                        "revoked",
                        closed.revoked(),
                        "undecided",
                        closed.undecided())))
        .call(controls::evaluate)
        .replaceWith(campaign);
  }

  /** Applies the closed campaign's Entra ID revocations when its definition says so. */
  public Uni<Void> applyIfConfigured(Campaign campaign) {
    return Panache.withSession(
            () -> CampaignDefinition.<CampaignDefinition>findById(campaign.definitionId))
        .chain(
            definition ->
                definition.applyRevocations
                    ? revocations.applyRequested(campaign.id)
                    : Uni.createFrom().voidItem());
  }

  @Scheduled(
      identity = "access-campaign-expiry",
      every = "${vigil.access.expiry-interval:15m}",
      delayed = "50s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return closeExpired(Instant.now()).replaceWithVoid();
  }

  /**
   * Closes every open campaign due by {@code now} with its default decision, then applies its
   * revocations. Call outside a transaction.
   *
   * @return how many it closed
   */
  public Uni<Integer> closeExpired(Instant now) {
    return SingleReplica.inTransaction(
            EXPIRY_LOCK,
            session ->
                Campaign.<Campaign>list(
                        "state = ?1 and dueAt <= ?2", Campaign.OPEN, now.atOffset(ZoneOffset.UTC))
                    .chain(
                        due ->
                            Multi.createFrom()
                                .iterable(due)
                                .onItem()
                                .transformToUniAndConcatenate(
                                    c -> close(c.id, Caller.system("access-review-service")))
                                .collect()
                                .asList()),
            List::<Campaign>of)
        .chain(
            closed ->
                Multi.createFrom()
                    .iterable(closed)
                    .onItem()
                    .transformToUniAndConcatenate(this::applyIfConfigured)
                    .collect()
                    .asList()
                    .replaceWith(closed.size()));
  }

  static final long EXPIRY_LOCK = 0x5643_4143_4558_5052L;

  /**
   * Named reviewers decide every item; in MANAGERS campaigns the manager decides the items of the
   * people they manage and the named (fallback) reviewers decide those without a manager.
   */
  static boolean reviews(CampaignDefinition definition, CampaignItem item, Caller caller) {
    if (definition.reviewerMode == CampaignDefinition.ReviewerMode.MANAGERS
        && item.reviewer != null) {
      return caller.is(item.reviewer);
    }
    return definition.reviewers.contains(caller.id());
  }

  static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
