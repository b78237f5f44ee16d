package dev.vigil.audit.detection;

import dev.vigil.audit.chain.AuditEntry;
import dev.vigil.audit.verify.CanonicalForm;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Evaluates the detection rules for newly stored entries, as sliding windows that end at each
 * entry's occurred-at, counted from the stored log itself: no in-memory state, so nothing is lost
 * on restart and every replica sees the same windows. Runs inside the ingesting transaction; each
 * rule is one query per batch, a window per entry it applies to.
 */
@ApplicationScoped
public class SignInDetector {

  static final String SIGNIN_FAILED = "auth.signin.failed";
  static final String SIGNIN_SUCCEEDED = "auth.signin.succeeded";
  static final String DEVICE_AUTH_FAILED = "device.auth.failed";
  static final String INTEGRATION_HEALTH_FAILED = "integration.health.failed";

  /**
   * A window sees the log as it was when its entry was appended: entries of the same chain stored
   * after it in the same batch (late events with an earlier occurred-at) do not count.
   */
  private static final String AS_OF_THE_ENTRY = " AND NOT (chain_id = w.c AND chain_seq > w.s)";

  private static final String IDS =
      "array_to_string((array_agg(event_id ORDER BY occurred_at DESC, id DESC))[1:100], ',')";

  /**
   * One rule as a window query: which entries it applies to, the window's key (up to two values,
   * {@code w.a} and {@code w.b} in {@code where}), what it counts, and the alert's subject.
   */
  private record WindowRule(
      Rule rule,
      String action,
      Function<AuditEntry, String> a,
      Function<AuditEntry, String> b,
      String count,
      String where,
      Duration length,
      int threshold,
      boolean endExclusive,
      Function<AuditEntry, String> subject) {}

  private final DetectionConfig config;
  private final AlertService alerts;
  private final List<WindowRule> rules;

  SignInDetector(DetectionConfig config, AlertService alerts) {
    this.config = config;
    this.alerts = alerts;
    this.rules = rules(config);
  }

  private static List<WindowRule> rules(DetectionConfig c) {
    String failed = "action = '" + SIGNIN_FAILED + "'";
    return List.of(
        new WindowRule(
            Rule.BRUTE_FORCE,
            SIGNIN_FAILED,
            e -> e.actorId,
            e -> e.sourceAddress,
            "count(*)",
            failed + " AND actor_id = w.a AND source_address = w.b",
            c.bruteForceWindow(),
            c.bruteForceThreshold(),
            false,
            e -> "account:" + e.actorId + "@source:" + e.sourceAddress),
        new WindowRule(
            Rule.PASSWORD_SPRAYING,
            SIGNIN_FAILED,
            e -> e.sourceAddress,
            e -> "",
            "count(DISTINCT actor_id)",
            failed + " AND source_address = w.a",
            c.sprayingWindow(),
            c.sprayingThreshold(),
            false,
            e -> "source:" + e.sourceAddress),
        new WindowRule(
            Rule.CREDENTIAL_STUFFING,
            SIGNIN_FAILED,
            e -> e.sourceAddress,
            e -> "",
            "count(DISTINCT actor_id)",
            failed + " AND source_address = w.a",
            c.stuffingWindow(),
            c.stuffingAccountsThreshold(),
            false,
            e -> "source:" + e.sourceAddress),
        new WindowRule(
            Rule.CREDENTIAL_STUFFING,
            SIGNIN_FAILED,
            e -> e.actorId,
            e -> "",
            "count(DISTINCT source_address)",
            failed + " AND actor_id = w.a",
            c.stuffingWindow(),
            c.stuffingSourcesThreshold(),
            false,
            e -> "account:" + e.actorId),
        // The failures before the success, not including it.
        new WindowRule(
            Rule.SUCCESS_AFTER_FAILURES,
            SIGNIN_SUCCEEDED,
            e -> e.actorId,
            e -> "",
            "count(*)",
            failed + " AND actor_id = w.a",
            c.successAfterFailuresWindow(),
            c.successAfterFailuresThreshold(),
            true,
            e -> "account:" + e.actorId),
        new WindowRule(
            Rule.DEVICE_AUTH_FAILURES,
            DEVICE_AUTH_FAILED,
            e -> e.targetId,
            e -> "",
            "count(*)",
            "action = '" + DEVICE_AUTH_FAILED + "' AND target_id = w.a",
            c.deviceFailuresWindow(),
            c.deviceFailuresThreshold(),
            false,
            e -> "device:" + e.targetId));
  }

  /**
   * Checks a stored batch: each rule once for all entries it applies to, then raises what fired in
   * chain order, so cool-downs apply as if the entries had come one by one.
   */
  public Uni<Void> inspectAll(List<AuditEntry> entries) {
    List<Uni<List<Found>>> queries = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      WindowRule rule = rules.get(r);
      List<Integer> applies = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        AuditEntry e = entries.get(i);
        if (e.action.equals(rule.action())
            && rule.a().apply(e) != null
            && rule.b().apply(e) != null) {
          applies.add(i);
        }
      }
      if (!applies.isEmpty()) {
        int order = r;
        queries.add(windows(rule, order, entries, applies));
      }
    }
    List<Integer> integrations = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).action.equals(INTEGRATION_HEALTH_FAILED)
          && entries.get(i).targetId != null) {
        integrations.add(i);
      }
    }
    if (!integrations.isEmpty()) {
      queries.add(integrationFailures(entries, integrations));
    }
    if (queries.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    // One after another: they share the transaction's connection.
    return Multi.createFrom()
        .iterable(queries)
        .onItem()
        .transformToUniAndConcatenate(query -> query)
        .collect()
        .in(ArrayList<Found>::new, List::addAll)
        .chain(
            found ->
                Multi.createFrom()
                    .iterable(
                        found.stream()
                            .sorted(
                                Comparator.comparingInt(Found::entry)
                                    .thenComparingInt(Found::order))
                            .toList())
                    .onItem()
                    .transformToUniAndConcatenate(f -> alerts.raise(f.detection()))
                    .collect()
                    .last())
        .replaceWithVoid();
  }

  /** A rule that fired at the window ending at one entry of the batch. */
  private record Found(int entry, int order, Detection detection) {}

  private Uni<List<Found>> windows(
      WindowRule rule, int order, List<AuditEntry> entries, List<Integer> applies) {
    JsonArray windows = new JsonArray();
    for (int i : applies) {
      AuditEntry e = entries.get(i);
      windows.add(
          new JsonObject()
              .put("i", i)
              .put("a", rule.a().apply(e))
              .put("b", rule.b().apply(e))
              .put("from_at", CanonicalForm.timestamp(e.occurredAt.minus(rule.length())))
              .put("to_at", CanonicalForm.timestamp(e.occurredAt))
              .put("c", e.chainId)
              .put("s", e.chainSeq));
    }
    // Counting is all most windows need; the triggering ids are gathered only where it fired.
    String window =
        " FROM audit_entry WHERE "
            + rule.where()
            + " AND occurred_at > w.from_at AND occurred_at "
            + (rule.endExclusive() ? "<" : "<=")
            + " w.to_at"
            + AS_OF_THE_ENTRY;
    String sql =
        "SELECT w.i, c.n, (SELECT "
            + IDS
            + window
            + ") FROM jsonb_to_recordset(CAST(CAST(?1 AS text) AS jsonb))"
            + " AS w(i int, a text, b text, from_at timestamptz, to_at timestamptz, c text, s bigint)"
            + " CROSS JOIN LATERAL (SELECT "
            + rule.count()
            + " AS n"
            + window
            + ") c WHERE c.n >= ?2";
    return fired(
        sql,
        windows,
        rule.threshold(),
        order,
        (i, row) ->
            new Detection(
                rule.rule(),
                rule.subject().apply(entries.get(i)),
                ((Number) row[1]).intValue(),
                rule.threshold(),
                rule.length(),
                ids(row[2])));
  }

  /** Fires when the newest N health checks of the integration, up to the entry, all failed. */
  private Uni<List<Found>> integrationFailures(List<AuditEntry> entries, List<Integer> applies) {
    int n = config.integrationFailuresThreshold();
    JsonArray checks = new JsonArray();
    for (int i : applies) {
      AuditEntry e = entries.get(i);
      checks.add(
          new JsonObject()
              .put("i", i)
              .put("target", e.targetId)
              .put("to_at", CanonicalForm.timestamp(e.occurredAt))
              .put("c", e.chainId)
              .put("s", e.chainSeq));
    }
    String sql =
        "SELECT w.i, c.n, c.ids FROM jsonb_to_recordset(CAST(CAST(?1 AS text) AS jsonb))"
            + " AS w(i int, target text, to_at timestamptz, c text, s bigint)"
            + " CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE action = '"
            + INTEGRATION_HEALTH_FAILED
            + "') AS n, "
            + IDS
            + " AS ids FROM (SELECT id, event_id, action, occurred_at FROM audit_entry"
            + " WHERE action LIKE 'integration.health.%' AND target_id = w.target"
            + " AND occurred_at <= w.to_at"
            + AS_OF_THE_ENTRY
            + " ORDER BY occurred_at DESC, id DESC LIMIT ?2) recent) c"
            + " WHERE c.n >= ?2";
    return fired(
        sql,
        checks,
        n,
        rules.size(),
        (i, row) ->
            new Detection(
                Rule.INTEGRATION_UNHEALTHY,
                "integration:" + entries.get(i).targetId,
                ((Number) row[1]).intValue(),
                n,
                Duration.ZERO,
                ids(row[2])));
  }

  /**
   * Runs a window query (parameter 1: the windows as JSON, 2: the threshold; rows: window index,
   * count, triggering ids) and turns each window that fired into a detection.
   */
  private static Uni<List<Found>> fired(
      String sql,
      JsonArray windows,
      int threshold,
      int order,
      BiFunction<Integer, Object[], Detection> detection) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(sql, Object[].class)
                    .setParameter(1, windows.encode())
                    .setParameter(2, threshold)
                    .getResultList())
        .map(
            rows ->
                rows.stream()
                    .map(
                        row -> {
                          int i = ((Number) row[0]).intValue();
                          return new Found(i, order, detection.apply(i, row));
                        })
                    .toList());
  }

  private static List<String> ids(Object joined) {
    return joined == null ? List.of() : Arrays.asList(((String) joined).split(","));
  }
}
