package dev.vigil.gateway.attestations;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A named person's confirmation of an attest or auto+attest control, valid until its expiry. */
@Entity
@Table(name = "attestation")
public class Attestation extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "control_id", length = 16, nullable = false)
  public String controlId;

  /** The attesting person's Entra ID object ID. */
  @Column(name = "attested_by", length = 128, nullable = false)
  public String attestedBy;

  @Column(name = "attested_by_name", length = 256)
  public String attestedByName;

  @Column(name = "tenant_id", length = 64)
  public String tenantId;

  @Column(columnDefinition = "text", nullable = false)
  public String note;

  @Column(name = "evidence_link", length = 1000)
  public String evidenceLink;

  @Column(name = "attested_at", nullable = false)
  public OffsetDateTime attestedAt;

  @Column(name = "expires_at", nullable = false)
  public OffsetDateTime expiresAt;

  @Column(name = "revoked_at")
  public OffsetDateTime revokedAt;

  @Column(name = "revoked_by", length = 128)
  public String revokedBy;

  /** Whether it counted at the given time: made by then, not yet expired, not revoked by then. */
  public boolean activeAt(OffsetDateTime at) {
    return !attestedAt.isAfter(at)
        && expiresAt.isAfter(at)
        && (revokedAt == null || revokedAt.isAfter(at));
  }
}
