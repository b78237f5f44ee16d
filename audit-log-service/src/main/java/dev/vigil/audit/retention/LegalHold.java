package dev.vigil.audit.retention;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * Keeps entries beyond retention while active: those of one organization, those that occurred in a
 * time range, or those matching both.
 */
@Entity
@Table(name = "audit_legal_hold")
public class LegalHold extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(length = 256)
  public String organization;

  @Column(name = "from_time")
  public OffsetDateTime fromTime;

  @Column(name = "to_time")
  public OffsetDateTime toTime;

  @Column(length = 2000, nullable = false)
  public String reason;

  @Column(name = "created_by", length = 256, nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "released_by", length = 256)
  public String releasedBy;

  @Column(name = "released_at")
  public OffsetDateTime releasedAt;
}
