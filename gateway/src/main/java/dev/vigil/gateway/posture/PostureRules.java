package dev.vigil.gateway.posture;

import dev.vigil.gateway.posture.rules.DatabaseExposureRule;
import dev.vigil.gateway.posture.rules.ImageFreshnessRule;
import dev.vigil.gateway.posture.rules.IngressTlsRule;
import dev.vigil.gateway.posture.rules.InternalExposureRule;
import dev.vigil.gateway.posture.rules.MemoryLimitRule;
import dev.vigil.gateway.posture.rules.NonRootRule;
import dev.vigil.gateway.posture.rules.PinnedVersionRule;
import dev.vigil.gateway.posture.rules.RestartOnFailureRule;
import dev.vigil.gateway.posture.rules.SecretEnvRule;
import dev.vigil.gateway.posture.rules.SecretFileModeRule;
import dev.vigil.gateway.posture.rules.SecurityUpdatesRule;
import java.time.Instant;
import java.util.List;

/** The cluster posture rules, and a way to run them all over one snapshot. */
public final class PostureRules {

  private PostureRules() {}

  /** Every rule, in checklist order. */
  public static List<PostureRule> all() {
    return List.of(
        new NonRootRule(),
        new MemoryLimitRule(),
        new RestartOnFailureRule(),
        new ImageFreshnessRule(),
        new PinnedVersionRule(),
        new SecurityUpdatesRule(),
        new DatabaseExposureRule(),
        new IngressTlsRule(),
        new InternalExposureRule(),
        new SecretEnvRule(),
        new SecretFileModeRule());
  }

  /**
   * Runs every rule. A rule that throws on an object it did not expect yields UNKNOWN instead of
   * taking the other results down with it.
   */
  public static List<RuleResult> evaluate(
      ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    return all().stream().map(rule -> evaluate(rule, snapshot, settings, now)).toList();
  }

  private static RuleResult evaluate(
      PostureRule rule, ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    try {
      return rule.check(snapshot, settings, now);
    } catch (RuntimeException e) {
      // The exception's message may quote object content, so only its type is reported.
      return RuleResult.unknown(
          rule.control(), "the check could not run: " + e.getClass().getSimpleName());
    }
  }
}
