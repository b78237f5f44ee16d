package dev.vigil.audit.detection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An alert raised by a detection rule, and what a person did about it. */
@Entity
@Table(name = "security_alert")
public class SecurityAlert extends PanacheEntityBase {

  /** Open until someone acknowledges it. */
  public enum Status {
    OPEN,
    ACKNOWLEDGED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "alert_id", nullable = false, unique = true)
  public UUID alertId;

  @Column(length = 64, nullable = false)
  public String rule;

  @Column(length = 16, nullable = false)
  public String severity;

  @Column(length = 300, nullable = false)
  public String subject;

  @Column(name = "raised_at", nullable = false)
  public OffsetDateTime raisedAt;

  @Column(name = "last_seen_at", nullable = false)
  public OffsetDateTime lastSeenAt;

  /** Repeats within the cool-down that were counted instead of raised. */
  @Column(nullable = false)
  public int suppressed;

  @Column(name = "window_count", nullable = false)
  public int windowCount;

  @Column(nullable = false)
  public int threshold;

  @Column(name = "window_seconds", nullable = false)
  public long windowSeconds;

  /** Comma-separated ids of the audit entries that triggered it. */
  @Column(name = "trigger_event_ids", columnDefinition = "text", nullable = false)
  public String triggerEventIds;

  @Column(length = 16, nullable = false)
  public String status;

  @Column(name = "acknowledged_by", length = 256)
  public String acknowledgedBy;

  @Column(name = "acknowledged_at")
  public OffsetDateTime acknowledgedAt;

  @Column(length = 2000)
  public String acknowledgement;
}
