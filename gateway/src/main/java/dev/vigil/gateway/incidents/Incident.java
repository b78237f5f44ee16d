package dev.vigil.gateway.incidents;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** An incident record (IR-04): opened, linked to what happened, closed with a review note. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

  public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
  }

  public enum Status {
    OPEN,
    CLOSED
  }

  /** Who opened the incident: a person through the API, or Vigil on a security alert. */
  public enum Origin {
    MANUAL,
    ALERT
  }

  @Id public UUID id;

  @Column(length = 200, nullable = false)
  public String title;

  @Enumerated(EnumType.STRING)
  @Column(length = 16, nullable = false)
  public Severity severity;

  @Column(columnDefinition = "text")
  public String description;

  @Enumerated(EnumType.STRING)
  @Column(length = 16, nullable = false)
  public Status status;

  @Column(name = "opened_by", length = 128, nullable = false)
  public String openedBy;

  @Column(name = "opened_by_name", length = 256)
  public String openedByName;

  @Column(name = "opened_at", nullable = false)
  public OffsetDateTime openedAt;

  @Column(name = "closed_by", length = 128)
  public String closedBy;

  @Column(name = "closed_at")
  public OffsetDateTime closedAt;

  @Column(name = "review_note", columnDefinition = "text")
  public String reviewNote;

  @Enumerated(EnumType.STRING)
  @Column(name = "opened_from", length = 16, nullable = false)
  public Origin openedFrom = Origin.MANUAL;

  /** For incidents opened from alerts: the alert subject, e.g. {@code source:203.0.113.7}. */
  @Column(name = "alert_subject", length = 512)
  public String alertSubject;

  /** The time incidents and their links record: UTC, in microseconds as PostgreSQL keeps it. */
  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /** The checklist summary and the controls not passing when the incident was closed, as JSON. */
  @Column(name = "checklist_at_close", columnDefinition = "text")
  public String checklistAtClose;
}
