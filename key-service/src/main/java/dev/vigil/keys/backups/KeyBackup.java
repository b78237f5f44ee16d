package dev.vigil.keys.backups;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An exported key-backup bundle: which slot versions it holds, and whether it was verified. */
@Entity
@Table(name = "key_backup")
public class KeyBackup extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "environment_id", nullable = false)
  public Long environmentId;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "created_by", length = 256, nullable = false)
  public String createdBy;

  /** JSON {@code {"<slot>": [versions]}}. */
  @Column(columnDefinition = "text", nullable = false)
  public String versions;

  @Column(name = "verified_at")
  public OffsetDateTime verifiedAt;

  @Column(name = "verified_by", length = 256)
  public String verifiedBy;

  @Column(name = "restored_at")
  public OffsetDateTime restoredAt;
}
