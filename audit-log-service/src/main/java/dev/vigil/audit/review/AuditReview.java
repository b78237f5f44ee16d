package dev.vigil.audit.review;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A person's review of the audit log up to a point in time (MON-01). Append-only. */
@Entity
@Table(name = "audit_review")
public class AuditReview extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "reviewed_through", nullable = false, updatable = false)
  public OffsetDateTime reviewedThrough;

  @Column(length = 256, nullable = false, updatable = false)
  public String reviewer;

  @Column(length = 4000, nullable = false, updatable = false)
  public String note;

  @Column(name = "recorded_at", nullable = false, updatable = false)
  public OffsetDateTime recordedAt;
}
