package dev.vigil.bench;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Audit events shaped like a platform's traffic: API-key use and membership changes, with one in
 * four being a sign-in (a fifth of those failing), so detection runs on a realistic share.
 */
final class SyntheticAuditEvents {

  /** One event: its id, its fields as stored, and its JSON body. */
  record Event(
      String id,
      OffsetDateTime occurredAt,
      String actorId,
      String action,
      String outcome,
      String targetId,
      String sourceAddress,
      String organization,
      String correlationId,
      String details,
      byte[] json) {}

  private static final List<String> OTHER_ACTIONS =
      List.of(
          "apikey.used",
          "apikey.used",
          "apikey.used",
          "member.role.changed",
          "member.added",
          "settings.changed",
          "integration.health.succeeded");

  private final SplittableRandom random = new SplittableRandom(42);

  Event next() {
    int dice = random.nextInt(100);
    String action;
    String outcome = "success";
    if (dice < 5) {
      action = "auth.signin.failed";
      outcome = "failure";
    } else if (dice < 25) {
      action = "auth.signin.succeeded";
    } else {
      action = OTHER_ACTIONS.get(random.nextInt(OTHER_ACTIONS.size()));
    }
    String actor = "user-" + random.nextInt(50_000);
    String source = "10." + random.nextInt(256) + "." + random.nextInt(256) + ".7";
    return event(actor, action, outcome, source, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /** A failed sign-in of {@code actor} from {@code source}, now. */
  Event failedSignIn(String actor, String source) {
    return event(
        actor, "auth.signin.failed", "failure", source, OffsetDateTime.now(ZoneOffset.UTC));
  }

  private Event event(
      String actor, String action, String outcome, String source, OffsetDateTime occurredAt) {
    String id = UUID.randomUUID().toString();
    String organization = "org-" + random.nextInt(1000);
    String target = "member-" + random.nextInt(50_000);
    String correlation = UUID.randomUUID().toString();
    String details = "{\"requestPath\":\"/api/v1/things/" + random.nextInt(1_000_000) + "\"}";
    String json =
        "{\"occurredAt\":\""
            + occurredAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            + "\",\"actor\":{\"id\":\""
            + actor
            + "\",\"type\":\"user\",\"displayName\":\"Bench User\"},\"action\":\""
            + action
            + "\",\"target\":{\"type\":\"member\",\"id\":\""
            + target
            + "\"},\"outcome\":\""
            + outcome
            + "\",\"sourceAddress\":\""
            + source
            + "\",\"userAgent\":\"vigil-bench/1.0\",\"organization\":\""
            + organization
            + "\",\"correlationId\":\""
            + correlation
            + "\",\"details\":"
            + details
            + "}";
    return new Event(
        id,
        occurredAt,
        actor,
        action,
        outcome,
        target,
        source,
        organization,
        correlation,
        details,
        json.getBytes(StandardCharsets.UTF_8));
  }
}
