package dev.vigil.access.campaigns;

import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewHistory.CompletedReview;
import dev.vigil.access.controls.ReviewHistoryReader;
import dev.vigil.access.snapshot.Times;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The closed campaigns as the controls see them: an item counts as covered once it has a decision,
 * and a revoke decision stays open until a later sync verified it.
 */
@ApplicationScoped
public class CompletedReviews implements ReviewHistoryReader {

  @Override
  public Uni<ReviewHistory> read() {
    return Campaign.<Campaign>list("state = ?1 order by closedAt desc", Campaign.CLOSED)
        .map(CompletedReviews::latestPerScope)
        .chain(
            campaigns ->
                Multi.createFrom()
                    .iterable(campaigns)
                    .onItem()
                    .transformToUniAndConcatenate(this::review)
                    .collect()
                    .asList())
        .map(ReviewHistory::new);
  }

  private static List<Campaign> latestPerScope(List<Campaign> newestFirst) {
    Set<Object> seen = new java.util.HashSet<>();
    return newestFirst.stream().filter(c -> seen.add(c.scope)).toList();
  }

  private Uni<CompletedReview> review(Campaign campaign) {
    return CampaignItem.<CampaignItem>list("campaignId", campaign.id)
        .map(
            items -> {
              Set<String> covered =
                  items.stream()
                      .filter(i -> i.decision != null)
                      .map(CampaignItem::key)
                      .collect(Collectors.toSet());
              List<String> unverified =
                  items.stream()
                      .filter(i -> i.revocation != null && !"VERIFIED".equals(i.revocation))
                      .map(i -> i.sourceName + "/" + i.subjectLabel)
                      .toList();
              return new CompletedReview(
                  campaign.id.toString(),
                  campaign.scope,
                  Times.instant(campaign.startedAt),
                  Times.instant(campaign.closedAt),
                  covered,
                  unverified);
            });
  }
}
