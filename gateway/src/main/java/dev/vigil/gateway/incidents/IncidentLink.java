package dev.vigil.gateway.incidents;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Something an incident record points at: an alert, an audit range, an action or an export. */
@Entity
@Table(name = "incident_link")
public class IncidentLink extends PanacheEntityBase {

  public enum Kind {
    /** A detector alert, by its ID in the audit-log service. */
    ALERT,
    /** A time range of the audit log to review, with an optional query. */
    AUDIT_RANGE,
    /** A containment or recovery action: an emergency rotation, a revocation, a restore. */
    ACTION,
    /** An audit-log export with its integrity proof (IR-01). */
    EXPORT,
    /** Anything else filed as evidence: a ticket, a document. */
    EVIDENCE
  }

  @Id public UUID id;

  @Column(name = "incident_id", nullable = false)
  public UUID incidentId;

  @Enumerated(EnumType.STRING)
  @Column(length = 16, nullable = false)
  public Kind kind;

  @Column(length = 512, nullable = false)
  public String reference;

  @Column(columnDefinition = "text")
  public String note;

  @Column(name = "range_from")
  public OffsetDateTime rangeFrom;

  @Column(name = "range_to")
  public OffsetDateTime rangeTo;

  @Column(name = "added_by", length = 128, nullable = false)
  public String addedBy;

  @Column(name = "added_at", nullable = false)
  public OffsetDateTime addedAt;
}
