package dev.vigil.common.compliance;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The last evaluation this service reported for one control. */
@Entity
@Table(name = "vigil_reported_control")
public class ReportedControl extends PanacheEntityBase {

  @Id
  @Column(name = "control_id", length = 16)
  public String controlId;

  @Column(length = 16, nullable = false)
  public String status;

  @Column(name = "evidence_digest", length = 64, nullable = false)
  public String evidenceDigest;

  @Column(name = "reported_at", nullable = false)
  public OffsetDateTime reportedAt;

  @Column(name = "valid_until", nullable = false)
  public OffsetDateTime validUntil;
}
