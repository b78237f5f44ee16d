package dev.vigil.access.controls;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The completed review campaigns the controls look at. Immutable. */
public record ReviewHistory(List<CompletedReview> reviews) {

  public ReviewHistory {
    reviews = reviews == null ? List.of() : List.copyOf(reviews);
  }

  public static ReviewHistory none() {
    return new ReviewHistory(List.of());
  }

  /** The most recently closed review of the scope, if any. */
  public Optional<CompletedReview> latest(ReviewScope scope) {
    return reviews.stream()
        .filter(r -> r.scope() == scope)
        .max(Comparator.comparing(CompletedReview::closedAt));
  }

  /**
   * One closed campaign.
   *
   * @param campaignId its id
   * @param scope what it covered
   * @param startedAt when its items were frozen
   * @param closedAt when it closed
   * @param covered {@code source/accountId} (or {@code source/keyId}) of every item it reviewed
   * @param unverifiedRevocations items decided "revoke" whose revocation a later sync has not yet
   *     confirmed
   */
  public record CompletedReview(
      String campaignId,
      ReviewScope scope,
      Instant startedAt,
      Instant closedAt,
      Set<String> covered,
      List<String> unverifiedRevocations) {

    public CompletedReview {
      Objects.requireNonNull(campaignId, "campaignId");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(closedAt, "closedAt");
      covered = covered == null ? Set.of() : Set.copyOf(covered);
      unverifiedRevocations =
          unverifiedRevocations == null ? List.of() : List.copyOf(unverifiedRevocations);
    }
  }
}
