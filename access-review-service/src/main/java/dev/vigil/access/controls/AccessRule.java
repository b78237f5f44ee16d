package dev.vigil.access.controls;

import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.AccessSnapshot.SourcedAccount;
import dev.vigil.access.snapshot.ApiKey;
import java.time.Instant;

/**
 * One access control. An evaluation starts a check per rule, shows it every account and API key of
 * the current snapshots once, and then asks for the verdict: a check keeps what its evidence needs,
 * never the directory.
 */
public interface AccessRule {

  /** The control ID this rule evaluates, e.g. {@code ACC-01}. */
  String control();

  /**
   * Starts a check for one evaluation.
   *
   * @param now the evaluation time, for inactivity, expiry and review age
   */
  Check start(ReviewHistory reviews, AccessSettings settings, Instant now);

  /** Runs the rule over a snapshot held in memory, as an evaluation streams one. */
  default RuleResult check(
      AccessSnapshot snapshot, ReviewHistory reviews, AccessSettings settings, Instant now) {
    Check check = start(reviews, settings, now);
    snapshot.accounts().forEach(check::account);
    snapshot.apiKeys().forEach(check::apiKey);
    return check.result(snapshot.headers());
  }

  /** One rule's pass over the snapshots. */
  interface Check {

    default void account(SourcedAccount account) {}

    default void apiKey(ApiKey key) {}

    /**
     * The verdict once everything has been seen.
     *
     * @param headers the snapshots that were shown, without their account and key lists
     */
    RuleResult result(AccessSnapshot headers);
  }
}
