package dev.vigil.access.containment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One containment, as audited. */
@Entity
@Table(name = "access_containment")
public class ContainmentRecord extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "source_id", nullable = false)
  public Long sourceId;

  @Column(name = "source_name", length = 63, nullable = false)
  public String sourceName;

  @Column(nullable = false)
  public String subject;

  @Column(name = "incident_id", length = 64)
  public String incidentId;

  /** JSON array of the action results. */
  @Column(nullable = false, columnDefinition = "text")
  public String results;

  @Column(name = "caller_oid", length = 64, nullable = false)
  public String callerOid;

  @Column(name = "caller_azp", length = 64)
  public String callerAzp;

  @Column(name = "caller_tid", length = 64)
  public String callerTid;

  @Column(name = "executed_at", nullable = false)
  public OffsetDateTime executedAt;
}
