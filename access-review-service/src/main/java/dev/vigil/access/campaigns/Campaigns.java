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
import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts campaigns (freezing items and recommendations from the current snapshots) and closes them
 * (by hand or at expiry); {@link Decisions} records the decisions in between. Every state change
 * and its events commit together.
 */
@ApplicationScoped
public class Campaigns {

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

  static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
