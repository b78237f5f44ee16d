package dev.vigil.audit.chain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One stored audit event, a link in its hash chain. Rows are never updated or deleted (a database
 * trigger enforces it).
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "chain_id", length = 32, nullable = false, updatable = false)
  public String chainId;

  @Column(name = "chain_seq", nullable = false, updatable = false)
  public long chainSeq;

  @Column(name = "prev_hash", length = 64, nullable = false, updatable = false)
  public String prevHash;

  @Column(name = "entry_hash", length = 64, nullable = false, updatable = false)
  public String entryHash;

  @Column(name = "event_id", length = 128, nullable = false, unique = true, updatable = false)
  public String eventId;

  @Column(name = "event_source", length = 256, nullable = false, updatable = false)
  public String eventSource;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  public OffsetDateTime occurredAt;

  @Column(name = "received_at", nullable = false, updatable = false)
  public OffsetDateTime receivedAt;

  @Column(name = "actor_id", length = 256, nullable = false, updatable = false)
  public String actorId;

  @Column(name = "actor_type", length = 32, nullable = false, updatable = false)
  public String actorType;

  @Column(name = "actor_display_name", length = 256, updatable = false)
  public String actorDisplayName;

  @Column(length = 128, nullable = false, updatable = false)
  public String action;

  @Column(name = "target_type", length = 64, updatable = false)
  public String targetType;

  @Column(name = "target_id", length = 256, updatable = false)
  public String targetId;

  @Column(name = "target_name", length = 256, updatable = false)
  public String targetName;

  @Column(length = 16, nullable = false, updatable = false)
  public String outcome;

  @Column(name = "source_address", length = 64, updatable = false)
  public String sourceAddress;

  @Column(name = "user_agent", length = 512, updatable = false)
  public String userAgent;

  @Column(length = 256, updatable = false)
  public String organization;

  @Column(name = "correlation_id", length = 128, updatable = false)
  public String correlationId;

  /** The free-form details as JSON text. */
  @Column(columnDefinition = "text", updatable = false)
  public String details;
}
