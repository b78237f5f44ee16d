package dev.vigil.audit.search;

import dev.vigil.audit.chain.AuditEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Searches the log by occurred-at with keyset pagination on (occurred_at, id): a page boundary
 * never moves when entries are inserted meanwhile, late ones included.
 */
@ApplicationScoped
public class AuditSearch {

  static final int MAX_LIMIT = 500;
  private static final Set<String> OUTCOMES = Set.of("success", "failure", "denied", "error");
  private static final Pattern NETWORK = Pattern.compile("^[0-9a-fA-F:.]+(/[0-9]{1,3})?$");

  private static final String COLUMNS =
      "id, event_id, event_source, occurred_at, received_at, actor_id, actor_type, actor_display_name,"
          + " action, target_type, target_id, target_name, outcome, source_address, user_agent,"
          + " organization, correlation_id, details";

  /** A page and the cursor of the next one ({@code null} at the end). */
  public record Page(List<AuditEntryView> entries, String nextCursor) {}

  private final Pool pool;

  AuditSearch(Pool pool) {
    this.pool = pool;
  }

  public Uni<Page> search(SearchFilters f) {
    if (f.limit < 1 || f.limit > MAX_LIMIT) {
      throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
    }
    boolean oldestFirst = "oldest".equals(f.order);
    if (!oldestFirst && !"newest".equals(f.order)) {
      throw new BadRequestException("order must be newest or oldest");
    }
    List<String> where = new ArrayList<>();
    Tuple params = Tuple.tuple();
    add(where, params, "occurred_at >= $", f.from);
    add(where, params, "occurred_at < $", f.to);
    add(where, params, "actor_id = $", f.actor);
    add(where, params, "action LIKE $", f.action == null ? null : escapeLike(f.action) + "%");
    add(where, params, "target_id = $", f.target);
    if (f.outcome != null && !OUTCOMES.contains(f.outcome)) {
      throw new BadRequestException("outcome must be one of " + OUTCOMES);
    }
    add(where, params, "outcome = $", f.outcome);
    if (f.source != null) {
      if (!NETWORK.matcher(f.source).matches()) {
        throw new BadRequestException("source must be an IP address or a CIDR network");
      }
      add(where, params, "source_inet <<= $", f.source);
      where.set(where.size() - 1, where.get(where.size() - 1) + "::text::inet");
    }
    add(where, params, "organization = $", f.organization);
    add(where, params, "correlation_id = $", f.correlationId);
    add(where, params, "details ILIKE $", f.text == null ? null : "%" + escapeLike(f.text) + "%");
    if (f.cursor != null) {
      Cursor cursor = Cursor.decode(f.cursor);
      params.addValue(cursor.occurredAt());
      int at = params.size();
      params.addValue(cursor.id());
      where.add(
          "(occurred_at, id) " + (oldestFirst ? ">" : "<") + " ($" + at + ", $" + (at + 1) + ")");
    }
    String direction = oldestFirst ? "ASC" : "DESC";
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM audit_entry"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY occurred_at "
            + direction
            + ", id "
            + direction
            + " LIMIT "
            + (f.limit + 1);
    return pool.preparedQuery(sql)
        .execute(params)
        .map(
            rows -> {
              List<AuditEntryView> page = new ArrayList<>();
              Row last = null;
              for (Row row : rows) {
                if (page.size() == f.limit) {
                  return new Page(page, Cursor.of(last).encode());
                }
                page.add(AuditEntryView.of(entity(row)));
                last = row;
              }
              return new Page(page, null);
            });
  }

  private static void add(List<String> where, Tuple params, String condition, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return;
    }
    params.addValue(value);
    where.add(condition + params.size());
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static AuditEntry entity(Row row) {
    AuditEntry e = new AuditEntry();
    e.id = row.getLong("id");
    e.eventId = row.getString("event_id");
    e.eventSource = row.getString("event_source");
    e.occurredAt = row.getOffsetDateTime("occurred_at");
    e.receivedAt = row.getOffsetDateTime("received_at");
    e.actorId = row.getString("actor_id");
    e.actorType = row.getString("actor_type");
    e.actorDisplayName = row.getString("actor_display_name");
    e.action = row.getString("action");
    e.targetType = row.getString("target_type");
    e.targetId = row.getString("target_id");
    e.targetName = row.getString("target_name");
    e.outcome = row.getString("outcome");
    e.sourceAddress = row.getString("source_address");
    e.userAgent = row.getString("user_agent");
    e.organization = row.getString("organization");
    e.correlationId = row.getString("correlation_id");
    e.details = row.getString("details");
    return e;
  }

  /** Position after a row: its occurred-at (microseconds) and id, opaque to clients. */
  record Cursor(OffsetDateTime occurredAt, long id) {

    static Cursor of(Row row) {
      return new Cursor(row.getOffsetDateTime("occurred_at"), row.getLong("id"));
    }

    String encode() {
      long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt.toInstant());
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
        Instant instant = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
        return new Cursor(
            OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Long.parseLong(parts[1]));
      } catch (RuntimeException e) {
        throw new BadRequestException("cursor is not one this API returned");
      }
    }
  }
}
