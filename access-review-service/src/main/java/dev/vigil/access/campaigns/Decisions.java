package dev.vigil.access.campaigns;

import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.access.DecisionRecorded;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records reviewers' decisions on an open campaign's items, all of a request or none, each with its
 * {@code decision-recorded} event and audit entry in the same transaction.
 */
@ApplicationScoped
public class Decisions {

  /** One decision of a bulk request. */
  public record Decision(Long itemId, String decision, String justification) {}

  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;
  private final AuditTrail audit;

  Decisions(EventFactory events, Outbox outbox, VigilTopics topics, AuditTrail audit) {
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
    this.audit = audit;
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
}
