package dev.vigil.audit.chain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.audit.verify.CanonicalForm;
import dev.vigil.audit.verify.ChainEntry;
import dev.vigil.common.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends audit events to their hash chain inside the caller's transaction. The chain's head row is
 * locked for the append, so a chain grows one batch at a time even across replicas; a batch is one
 * INSERT, whatever its size.
 */
@ApplicationScoped
public class AuditLedger {

  private static final JsonFactory JSON = new JsonFactory();

  /** The chain's head, created at genesis if new, locked until the transaction ends. */
  private static final String LOCK_HEAD =
      "INSERT INTO audit_chain_head (chain_id, seq, entry_hash, updated_at) VALUES (?1, 0, ?2, now())"
          + " ON CONFLICT (chain_id) DO UPDATE SET chain_id = EXCLUDED.chain_id"
          + " RETURNING seq, entry_hash";

  private static final String COLUMNS =
      "chain_id, chain_seq, prev_hash, entry_hash, event_id, event_source, occurred_at, actor_id,"
          + " actor_type, actor_display_name, action, target_type, target_id, target_name, outcome,"
          + " source_address, source_inet, user_agent, organization, correlation_id, details";

  /**
   * The entries, as one JSON array, and the head moved to the last of them, in one statement. Ids
   * follow chain order (ORDER BY), as readers expect.
   */
  private static final String APPEND =
      "WITH appended AS (INSERT INTO audit_entry ("
          + COLUMNS
          + ") SELECT "
          + COLUMNS
          + " FROM jsonb_to_recordset(CAST(CAST(?1 AS text) AS jsonb)) AS r(chain_id text, chain_seq bigint,"
          + " prev_hash text, entry_hash text, event_id text, event_source text,"
          + " occurred_at timestamptz, actor_id text, actor_type text, actor_display_name text,"
          + " action text, target_type text, target_id text, target_name text, outcome text,"
          + " source_address text, source_inet inet, user_agent text, organization text,"
          + " correlation_id text, details text) ORDER BY chain_seq RETURNING 1)"
          + " UPDATE audit_chain_head SET seq = ?3, entry_hash = ?4, updated_at = now()"
          + " WHERE chain_id = ?2 AND (SELECT count(*) FROM appended) > 0";

  /** A chain's newest entry. */
  public record Head(long seq, String hash) {}

  /**
   * Entries computed ahead of the transaction, off the event loop, on the head this replica last
   * wrote. Used only when the locked head still is that head and the same events are appended.
   */
  public record Prepared(Head head, List<String> eventIds, List<AuditEntry> rows, String json) {}

  /** The head each chain had after this replica's last append; a guess, checked under the lock. */
  private final Map<String, Head> lastHeads = new ConcurrentHashMap<>();

  /** Computes the events' entries on the chain's last known head, or null when none is known. */
  public Prepared prepare(List<CloudEvent> events, String chain) {
    Head head = lastHeads.get(chain);
    if (head == null) {
      return null;
    }
    List<AuditEntry> rows = chained(events, chain, head);
    return new Prepared(head, ids(events), rows, toJson(rows));
  }

  /**
   * Appends the events, in order, as the chain's next entries and returns the stored rows; uses
   * {@code prepared} when it was computed on the head found under the lock for these events.
   */
  public Uni<List<AuditEntry>> appendAll(List<CloudEvent> events, String chain, Prepared prepared) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(LOCK_HEAD, Object[].class)
                    .setParameter(1, chain)
                    .setParameter(2, CanonicalForm.GENESIS)
                    .getSingleResult()
                    .chain(
                        locked -> {
                          Head head =
                              new Head(((Number) locked[0]).longValue(), (String) locked[1]);
                          boolean usable =
                              prepared != null
                                  && prepared.head().equals(head)
                                  && prepared.eventIds().equals(ids(events));
                          List<AuditEntry> rows =
                              usable ? prepared.rows() : chained(events, chain, head);
                          AuditEntry last = rows.get(rows.size() - 1);
                          Head moved = new Head(last.chainSeq, last.entryHash);
                          return session
                              .createNativeQuery(APPEND)
                              .setParameter(1, usable ? prepared.json() : toJson(rows))
                              .setParameter(2, chain)
                              .setParameter(3, moved.seq())
                              .setParameter(4, moved.hash())
                              .executeUpdate()
                              // If the transaction rolls back, the next guess fails the check.
                              .invoke(() -> lastHeads.put(chain, moved))
                              .replaceWith(rows);
                        }));
  }

  private static List<AuditEntry> chained(List<CloudEvent> events, String chain, Head head) {
    List<AuditEntry> rows = new ArrayList<>(events.size());
    long seq = head.seq();
    String prev = head.hash();
    for (CloudEvent event : events) {
      ChainEntry entry = ChainEntries.fromEvent(event, chain, ++seq, prev);
      prev = entry.hash();
      rows.add(ChainEntries.toEntity(entry));
    }
    return rows;
  }

  private static List<String> ids(List<CloudEvent> events) {
    return events.stream().map(CloudEvent::id).toList();
  }

  /** The rows as the JSON array INSERT_ALL reads, written field by field (no maps built). */
  private static String toJson(List<AuditEntry> rows) {
    StringWriter out = new StringWriter(rows.size() * 800);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      for (AuditEntry row : rows) {
        json.writeStartObject();
        json.writeStringField("chain_id", row.chainId);
        json.writeNumberField("chain_seq", row.chainSeq);
        json.writeStringField("prev_hash", row.prevHash);
        json.writeStringField("entry_hash", row.entryHash);
        json.writeStringField("event_id", row.eventId);
        json.writeStringField("event_source", row.eventSource);
        json.writeStringField("occurred_at", CanonicalForm.timestamp(row.occurredAt));
        json.writeStringField("actor_id", row.actorId);
        json.writeStringField("actor_type", row.actorType);
        json.writeStringField("actor_display_name", row.actorDisplayName);
        json.writeStringField("action", row.action);
        json.writeStringField("target_type", row.targetType);
        json.writeStringField("target_id", row.targetId);
        json.writeStringField("target_name", row.targetName);
        json.writeStringField("outcome", row.outcome);
        json.writeStringField("source_address", row.sourceAddress);
        json.writeStringField("source_inet", SourceAddresses.inet(row.sourceAddress));
        json.writeStringField("user_agent", row.userAgent);
        json.writeStringField("organization", row.organization);
        json.writeStringField("correlation_id", row.correlationId);
        json.writeStringField("details", row.details);
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
