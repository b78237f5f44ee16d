package dev.vigil.access.campaigns;

import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.common.security.Caller;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/** Starts the campaigns of scheduled definitions when their next start comes, on one replica. */
@ApplicationScoped
public class CampaignSchedule {

  private static final Logger LOG = Logger.getLogger(CampaignSchedule.class);

  static final long SCHEDULE_LOCK = 0x5643_4143_5343_4844L;

  private final Campaigns campaigns;

  CampaignSchedule(Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Scheduled(
      identity = "access-campaign-schedule",
      every = "${vigil.access.schedule-interval:1h}",
      delayed = "70s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return startDue(Instant.now()).replaceWithVoid();
  }

  /**
   * Starts one campaign for every scheduled definition whose next start has come, and moves that
   * start on by the definition's period (past any periods missed while no replica ran, so a restart
   * never starts a backlog of campaigns). Call outside a transaction.
   *
   * @return the campaigns started
   */
  public Uni<List<Campaign>> startDue(Instant now) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    return SingleReplica.inTransaction(
        SCHEDULE_LOCK,
        session ->
            CampaignDefinition.<CampaignDefinition>list(
                    "schedule <> ?1 and nextStartAt <= ?2 order by id",
                    CampaignDefinition.Schedule.NONE,
                    at)
                .chain(
                    due ->
                        Multi.createFrom()
                            .iterable(due)
                            .onItem()
                            .transformToUniAndConcatenate(definition -> start(definition, at))
                            .filter(Objects::nonNull)
                            .collect()
                            .asList()),
        List::<Campaign>of);
  }

  private Uni<Campaign> start(CampaignDefinition definition, OffsetDateTime now) {
    definition.nextStartAt = next(definition.nextStartAt, definition.schedule, now);
    return campaigns
        .start(definition, Caller.system("access-review-service"))
        .onFailure(ClientErrorException.class)
        .recoverWithItem(
            failure -> {
              // Nothing to review yet (no source or snapshot): this period is skipped, not retried
              // every hour.
              LOG.warnf(
                  "Scheduled campaign of %s not started: %s",
                  definition.name, failure.getMessage());
              return null;
            });
  }

  /** The first start after {@code now} on the definition's period. */
  static OffsetDateTime next(
      OffsetDateTime from, CampaignDefinition.Schedule schedule, OffsetDateTime now) {
    OffsetDateTime next = from;
    while (!next.isAfter(now)) {
      next = next.plusMonths(schedule.months);
    }
    return next;
  }
}
