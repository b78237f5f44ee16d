package dev.vigil.gateway.checklist;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One evaluation as received, kept for history and point-in-time reports. */
@Entity
@Table(name = "control_history")
public class ControlHistoryEntry extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "control_id", length = 16, nullable = false)
  public String controlId;

  @Column(length = 16, nullable = false)
  public String status;

  @Column(name = "evaluated_at", nullable = false)
  public OffsetDateTime evaluatedAt;

  @Column(name = "valid_until", nullable = false)
  public OffsetDateTime validUntil;

  @Column(name = "evaluated_by", length = 64, nullable = false)
  public String evaluatedBy;

  @Column(columnDefinition = "text", nullable = false)
  public String evidence;

  @Column(name = "event_id", length = 128, nullable = false, unique = true)
  public String eventId;

  @Column(name = "received_at", nullable = false)
  public OffsetDateTime receivedAt;

  Evaluation toEvaluation() {
    return new Evaluation(controlId, status, evaluatedAt, validUntil, evaluatedBy, evidence);
  }
}
