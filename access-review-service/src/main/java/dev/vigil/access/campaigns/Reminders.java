package dev.vigil.access.campaigns;

import dev.vigil.access.AccessConfig;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.access.ReviewReminder;
import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.common.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reminds each reviewer of their undecided items once, when an open campaign comes within {@code
 * vigil.access.reminder-before} of its due time, by a {@code review-reminder} event per reviewer.
 */
@ApplicationScoped
public class Reminders {

  static final long REMINDER_LOCK = 0x5643_4143_5245_4d44L;

  private final AccessConfig config;
  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;

  Reminders(AccessConfig config, EventFactory events, Outbox outbox, VigilTopics topics) {
    this.config = config;
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
  }

  @Scheduled(
      identity = "access-review-reminders",
      every = "${vigil.access.reminder-interval:1h}",
      delayed = "80s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return send(Instant.now()).replaceWithVoid();
  }

  /**
   * Sends the reminders of every open campaign due within the reminder window and not reminded yet.
   * Call outside a transaction.
   *
   * @return the reminders sent
   */
  public Uni<List<ReviewReminder>> send(Instant now) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    return SingleReplica.inTransaction(
        REMINDER_LOCK,
        session ->
            Campaign.<Campaign>list(
                    "state = ?1 and remindedAt is null and dueAt <= ?2 and dueAt > ?3",
                    Campaign.OPEN,
                    at.plus(config.reminderBefore()),
                    at)
                .chain(
                    due ->
                        Multi.createFrom()
                            .iterable(due)
                            .onItem()
                            .transformToUniAndConcatenate(campaign -> remind(campaign, at))
                            .collect()
                            .in(ArrayList<ReviewReminder>::new, List::addAll)),
        List::<ReviewReminder>of);
  }

  private Uni<List<ReviewReminder>> remind(Campaign campaign, OffsetDateTime now) {
    campaign.remindedAt = now;
    return CampaignDefinition.<CampaignDefinition>findById(campaign.definitionId)
        .chain(
            definition ->
                CampaignItem.<CampaignItem>list("campaignId = ?1 and decision is null", campaign.id)
                    .map(undecided -> reminders(campaign, definition, undecided)))
        .call(
            reminders ->
                Multi.createFrom()
                    .iterable(reminders)
                    .onItem()
                    .transformToUniAndConcatenate(
                        r ->
                            outbox.enqueue(
                                topics.access(), events.create(campaign.id.toString(), r)))
                    .collect()
                    .asList());
  }

  /** One reminder per reviewer who has undecided items. */
  static List<ReviewReminder> reminders(
      Campaign campaign, CampaignDefinition definition, List<CampaignItem> undecided) {
    Map<String, Integer> perReviewer = new TreeMap<>();
    for (CampaignItem item : undecided) {
      List<String> reviewers =
          item.reviewer != null ? List.of(item.reviewer) : definition.reviewers;
      reviewers.forEach(r -> perReviewer.merge(r, 1, Integer::sum));
    }
    return perReviewer.entrySet().stream()
        .map(
            e ->
                new ReviewReminder(
                    campaign.id.toString(),
                    definition.name,
                    e.getKey(),
                    e.getValue(),
                    campaign.dueAt))
        .toList();
  }
}
