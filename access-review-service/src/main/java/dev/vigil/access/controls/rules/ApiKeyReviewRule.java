package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessRule;
import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.controls.RuleResult;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.ApiKey;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.common.compliance.ControlStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ACC-04: no active API key is past its expiry or unused beyond the threshold (a never-used key
 * counts from its creation), and an API-key review closed within the allowed age.
 */
public final class ApiKeyReviewRule implements AccessRule {

  static final String CONTROL = "ACC-04";

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public Check start(ReviewHistory reviews, AccessSettings settings, Instant now) {
    Labels expired = new Labels();
    Labels unused = new Labels();
    int[] active = {0};
    return new Check() {
      @Override
      public void apiKey(ApiKey key) {
        if (!key.active()) {
          return;
        }
        active[0]++;
        if (expired(key, now)) {
          expired.add(key.label());
        } else if (unused(key, settings.apiKeyUnused(), now)) {
          unused.add(key.label());
        }
      }

      @Override
      public RuleResult result(AccessSnapshot headers) {
        if (headers.sources().stream().noneMatch(s -> s.kind() == SourceKind.PLATFORM)) {
          return RuleResult.unknown(CONTROL, "no platform snapshot, so no API keys have been read");
        }
        return decide(active[0], expired, unused, reviews, settings, now);
      }
    };
  }

  private static RuleResult decide(
      int active,
      Labels expired,
      Labels unused,
      ReviewHistory reviews,
      AccessSettings settings,
      Instant now) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("activeKeys", active);
    facts.put("expired", expired.kept());
    facts.put("expiredCount", expired.count());
    facts.put("unused", unused.kept());
    facts.put("unusedCount", unused.count());
    facts.put("unusedThresholdDays", settings.apiKeyUnused().toDays());
    if (!expired.isEmpty()) {
      problems.add("active keys past their expiry: " + expired.names());
    }
    if (!unused.isEmpty()) {
      problems.add(
          "active keys unused for more than "
              + settings.apiKeyUnused().toDays()
              + " days: "
              + unused.names());
    }
    Reviews.recent(reviews, ReviewScope.API_KEYS, settings, now, problems, facts);
    if (!problems.isEmpty()) {
      return RuleResult.of(CONTROL, ControlStatus.FAIL, String.join("; ", problems) + ".", facts);
    }
    return RuleResult.of(
        CONTROL,
        ControlStatus.PASS,
        "API keys reviewed; none of the " + active + " active keys is expired or unused.",
        facts);
  }

  public static boolean expired(ApiKey key, Instant now) {
    return key.expiresAt() != null && !key.expiresAt().isAfter(now);
  }

  public static boolean unused(ApiKey key, Duration threshold, Instant now) {
    Instant since = key.lastUsedAt() != null ? key.lastUsedAt() : key.createdAt();
    return since != null && since.isBefore(now.minus(threshold));
  }
}
