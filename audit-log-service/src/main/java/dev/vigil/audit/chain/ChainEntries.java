package dev.vigil.audit.chain;

import dev.vigil.audit.verify.CanonicalForm;
import dev.vigil.audit.verify.ChainEntry;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.events.audit.AuditEventRecorded.Target;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Maps audit events and stored rows to chain entries and back: the one place that knows both. */
public final class ChainEntries {

  /** The columns {@link #fromRow} reads. */
  public static final String COLUMNS =
      "id, chain_id, chain_seq, prev_hash, entry_hash, event_id, event_source, occurred_at, actor_id,"
          + " actor_type, actor_display_name, action, target_type, target_id, target_name, outcome,"
          + " source_address, user_agent, organization, correlation_id, details";

  private ChainEntries() {}

  /** The next entry of a chain for an audit event (data already schema-validated). */
  public static ChainEntry fromEvent(CloudEvent event, String chain, long seq, String prevHash) {
    AuditEventRecorded data = event.dataAs(AuditEventRecorded.class);
    Target target = data.target();
    return new ChainEntry(
            chain,
            seq,
            event.id(),
            event.source(),
            CanonicalForm.timestamp(data.occurredAt()),
            data.actor().id(),
            data.actor().type(),
            data.actor().displayName(),
            data.action(),
            target == null ? null : target.type(),
            target == null ? null : target.id(),
            target == null ? null : target.name(),
            data.outcome(),
            data.sourceAddress(),
            data.userAgent(),
            data.organization(),
            data.correlationId(),
            data.details() == null
                ? null
                : CanonicalForm.parse(CanonicalForm.canonical(data.details())),
            prevHash,
            null)
        .sealed();
  }

  /** The row to store for a sealed entry. */
  public static AuditEntry toEntity(ChainEntry e) {
    AuditEntry row = new AuditEntry();
    row.chainId = e.chain();
    row.chainSeq = e.seq();
    row.prevHash = e.prevHash();
    row.entryHash = e.hash();
    row.eventId = e.eventId();
    row.eventSource = e.source();
    row.occurredAt = CanonicalForm.parseTimestamp(e.occurredAt());
    row.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
    row.actorId = e.actorId();
    row.actorType = e.actorType();
    row.actorDisplayName = e.actorDisplayName();
    row.action = e.action();
    row.targetType = e.targetType();
    row.targetId = e.targetId();
    row.targetName = e.targetName();
    row.outcome = e.outcome();
    row.sourceAddress = e.sourceAddress();
    row.userAgent = e.userAgent();
    row.organization = e.organization();
    row.correlationId = e.correlationId();
    row.details = e.details() == null ? null : CanonicalForm.canonical(e.details());
    return row;
  }

  /** A stored row (selected with {@link #COLUMNS}) as a chain entry, to verify or export. */
  public static ChainEntry fromRow(Row row) {
    return new ChainEntry(
        row.getString("chain_id"),
        row.getLong("chain_seq"),
        row.getString("event_id"),
        row.getString("event_source"),
        CanonicalForm.timestamp(row.getOffsetDateTime("occurred_at")),
        row.getString("actor_id"),
        row.getString("actor_type"),
        row.getString("actor_display_name"),
        row.getString("action"),
        row.getString("target_type"),
        row.getString("target_id"),
        row.getString("target_name"),
        row.getString("outcome"),
        row.getString("source_address"),
        row.getString("user_agent"),
        row.getString("organization"),
        row.getString("correlation_id"),
        CanonicalForm.parse(row.getString("details")),
        row.getString("prev_hash"),
        row.getString("entry_hash"));
  }
}
