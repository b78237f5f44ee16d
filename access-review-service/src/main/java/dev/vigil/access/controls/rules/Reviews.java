package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewHistory.CompletedReview;
import dev.vigil.access.controls.ReviewScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The "a review of this scope closed within the allowed age" half of ACC-01, -02 and -04. */
final class Reviews {

  private Reviews() {}

  /** The recent review, or empty with the problem added to {@code problems}. */
  static Optional<CompletedReview> recent(
      ReviewHistory history,
      ReviewScope scope,
      AccessSettings settings,
      Instant now,
      List<String> problems,
      Map<String, Object> facts) {
    Optional<CompletedReview> latest = history.latest(scope);
    facts.put("lastReviewCampaign", latest.map(CompletedReview::campaignId).orElse(null));
    facts.put("lastReviewClosedAt", latest.map(r -> r.closedAt().toString()).orElse(null));
    if (latest.isEmpty()) {
      problems.add("no " + label(scope) + " review has been completed");
      return Optional.empty();
    }
    if (latest.get().closedAt().isBefore(now.minus(settings.reviewMaxAge()))) {
      problems.add(
          "the last "
              + label(scope)
              + " review closed more than "
              + settings.reviewMaxAge().toDays()
              + " days ago");
      return Optional.empty();
    }
    return latest;
  }

  private static String label(ReviewScope scope) {
    return scope.name().toLowerCase().replace('_', '-');
  }
}
