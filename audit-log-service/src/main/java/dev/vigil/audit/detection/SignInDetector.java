package dev.vigil.audit.detection;

import dev.vigil.audit.ingest.AuditEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates the detection rules for a newly stored entry, as sliding windows that end at the
 * entry's occurred-at, counted from the stored log itself: no in-memory state, so nothing is lost
 * on restart and every replica sees the same windows. Runs inside the ingesting transaction.
 */
@ApplicationScoped
public class SignInDetector {

  static final String SIGNIN_FAILED = "auth.signin.failed";
  static final String SIGNIN_SUCCEEDED = "auth.signin.succeeded";
  static final String DEVICE_AUTH_FAILED = "device.auth.failed";
  static final String INTEGRATION_HEALTH_FAILED = "integration.health.failed";

  private static final String IDS =
      "array_to_string((array_agg(event_id ORDER BY occurred_at DESC, id DESC))[1:100], ',')";

  private final DetectionConfig config;
  private final AlertService alerts;

  SignInDetector(DetectionConfig config, AlertService alerts) {
    this.config = config;
    this.alerts = alerts;
  }

  /** Checks every rule the entry's action can trigger and raises what fires. */
  public Uni<Void> inspect(AuditEntry entry) {
    List<Uni<Optional<Detection>>> checks = new ArrayList<>();
    switch (entry.action) {
      case SIGNIN_FAILED -> {
        if (entry.sourceAddress != null) {
          checks.add(bruteForce(entry));
          checks.add(spraying(entry));
          checks.add(stuffingFromSource(entry));
        }
        checks.add(stuffingOfAccount(entry));
      }
      case SIGNIN_SUCCEEDED -> checks.add(successAfterFailures(entry));
      case DEVICE_AUTH_FAILED -> {
        if (entry.targetId != null) {
          checks.add(deviceFailures(entry));
        }
      }
      case INTEGRATION_HEALTH_FAILED -> {
        if (entry.targetId != null) {
          checks.add(integrationFailures(entry));
        }
      }
      default -> {
        return Uni.createFrom().voidItem();
      }
    }
    // One after another: they share the transaction's connection.
    return Multi.createFrom()
        .iterable(checks)
        .onItem()
        .transformToUniAndConcatenate(check -> check)
        .onItem()
        .transformToUniAndConcatenate(
            found -> found.map(alerts::raise).orElse(Uni.createFrom().voidItem()))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Optional<Detection>> bruteForce(AuditEntry e) {
    return window(
        Rule.BRUTE_FORCE,
        "count(*)",
        "action = ?1 AND actor_id = ?2 AND source_address = ?3",
        List.of(SIGNIN_FAILED, e.actorId, e.sourceAddress),
        e.occurredAt,
        config.bruteForceWindow(),
        config.bruteForceThreshold(),
        "account:" + e.actorId + "@source:" + e.sourceAddress);
  }

  private Uni<Optional<Detection>> spraying(AuditEntry e) {
    return window(
        Rule.PASSWORD_SPRAYING,
        "count(DISTINCT actor_id)",
        "action = ?1 AND source_address = ?2",
        List.of(SIGNIN_FAILED, e.sourceAddress),
        e.occurredAt,
        config.sprayingWindow(),
        config.sprayingThreshold(),
        "source:" + e.sourceAddress);
  }

  private Uni<Optional<Detection>> stuffingFromSource(AuditEntry e) {
    return window(
        Rule.CREDENTIAL_STUFFING,
        "count(DISTINCT actor_id)",
        "action = ?1 AND source_address = ?2",
        List.of(SIGNIN_FAILED, e.sourceAddress),
        e.occurredAt,
        config.stuffingWindow(),
        config.stuffingAccountsThreshold(),
        "source:" + e.sourceAddress);
  }

  private Uni<Optional<Detection>> stuffingOfAccount(AuditEntry e) {
    return window(
        Rule.CREDENTIAL_STUFFING,
        "count(DISTINCT source_address)",
        "action = ?1 AND actor_id = ?2",
        List.of(SIGNIN_FAILED, e.actorId),
        e.occurredAt,
        config.stuffingWindow(),
        config.stuffingSourcesThreshold(),
        "account:" + e.actorId);
  }

  private Uni<Optional<Detection>> successAfterFailures(AuditEntry e) {
    return window(
        Rule.SUCCESS_AFTER_FAILURES,
        "count(*)",
        "action = ?1 AND actor_id = ?2",
        List.of(SIGNIN_FAILED, e.actorId),
        e.occurredAt,
        config.successAfterFailuresWindow(),
        config.successAfterFailuresThreshold(),
        "account:" + e.actorId);
  }

  private Uni<Optional<Detection>> deviceFailures(AuditEntry e) {
    return window(
        Rule.DEVICE_AUTH_FAILURES,
        "count(*)",
        "action = ?1 AND target_id = ?2",
        List.of(DEVICE_AUTH_FAILED, e.targetId),
        e.occurredAt,
        config.deviceFailuresWindow(),
        config.deviceFailuresThreshold(),
        "device:" + e.targetId);
  }

  /** Fires when the newest N health checks of the integration all failed. */
  private Uni<Optional<Detection>> integrationFailures(AuditEntry e) {
    int n = config.integrationFailuresThreshold();
    String sql =
        "SELECT count(*) FILTER (WHERE action = ?1), "
            + IDS
            + " FROM (SELECT id, event_id, action, occurred_at"
            + " FROM audit_entry WHERE action LIKE 'integration.health.%' AND target_id = ?2 AND occurred_at <= ?3"
            + " ORDER BY occurred_at DESC, id DESC LIMIT "
            + n
            + ") recent";
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(sql, Object[].class)
                    .setParameter(1, INTEGRATION_HEALTH_FAILED)
                    .setParameter(2, e.targetId)
                    .setParameter(3, e.occurredAt)
                    .getSingleResult())
        .map(
            row -> {
              int failed = ((Number) row[0]).intValue();
              return failed >= n
                  ? Optional.of(
                      new Detection(
                          Rule.INTEGRATION_UNHEALTHY,
                          "integration:" + e.targetId,
                          failed,
                          n,
                          Duration.ZERO,
                          ids(row[1])))
                  : Optional.empty();
            });
  }

  private Uni<Optional<Detection>> window(
      Rule rule,
      String countExpression,
      String where,
      List<Object> params,
      OffsetDateTime end,
      Duration length,
      int threshold,
      String subject) {
    int next = params.size() + 1;
    String sql =
        "SELECT "
            + countExpression
            + ", "
            + IDS
            + " FROM audit_entry WHERE "
            + where
            + " AND occurred_at > ?"
            + next
            + " AND occurred_at <= ?"
            + (next + 1);
    if (rule == Rule.SUCCESS_AFTER_FAILURES) {
      // The failures before the success, not including it.
      sql = sql.replace("occurred_at <= ?" + (next + 1), "occurred_at < ?" + (next + 1));
    }
    String query = sql;
    return Panache.getSession()
        .chain(
            session -> {
              var q = session.createNativeQuery(query, Object[].class);
              for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
              }
              return q.setParameter(next, end.minus(length))
                  .setParameter(next + 1, end)
                  .getSingleResult();
            })
        .map(
            row -> {
              int count = ((Number) row[0]).intValue();
              return count >= threshold
                  ? Optional.of(new Detection(rule, subject, count, threshold, length, ids(row[1])))
                  : Optional.<Detection>empty();
            });
  }

  private static List<String> ids(Object joined) {
    return joined == null ? List.of() : Arrays.asList(((String) joined).split(","));
  }
}
