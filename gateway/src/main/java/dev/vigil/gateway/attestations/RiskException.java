package dev.vigil.gateway.attestations;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Accepted risk: a control may be unmet, for a stated reason, until the expiry. */
@Entity
@Table(name = "risk_exception")
public class RiskException extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "control_id", length = 16, nullable = false)
  public String controlId;

  @Column(columnDefinition = "text", nullable = false)
  public String reason;

  @Column(name = "accepted_by", length = 128, nullable = false)
  public String acceptedBy;

  @Column(name = "accepted_by_name", length = 256)
  public String acceptedByName;

  @Column(name = "tenant_id", length = 64)
  public String tenantId;

  @Column(name = "accepted_at", nullable = false)
  public OffsetDateTime acceptedAt;

  @Column(name = "expires_at", nullable = false)
  public OffsetDateTime expiresAt;

  @Column(name = "revoked_at")
  public OffsetDateTime revokedAt;

  @Column(name = "revoked_by", length = 128)
  public String revokedBy;

  public boolean activeAt(OffsetDateTime at) {
    return !acceptedAt.isAfter(at)
        && expiresAt.isAfter(at)
        && (revokedAt == null || revokedAt.isAfter(at));
  }
}
