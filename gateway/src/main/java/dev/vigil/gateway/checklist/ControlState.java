package dev.vigil.gateway.checklist;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The latest evaluation received for one control. */
@Entity
@Table(name = "control_state")
public class ControlState extends PanacheEntityBase {

  @Id
  @Column(name = "control_id", length = 16)
  public String controlId;

  @Column(length = 16, nullable = false)
  public String status;

  @Column(name = "evaluated_at", nullable = false)
  public OffsetDateTime evaluatedAt;

  @Column(name = "valid_until", nullable = false)
  public OffsetDateTime validUntil;

  @Column(name = "evaluated_by", length = 64, nullable = false)
  public String evaluatedBy;

  /** The evidence object as JSON text. */
  @Column(columnDefinition = "text", nullable = false)
  public String evidence;

  @Column(name = "event_id", length = 128, nullable = false)
  public String eventId;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;
}
