package dev.vigil.keys.backups;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An operator's statement of where an environment's offline key backup is kept. */
@Entity
@Table(name = "key_backup_attestation")
public class BackupAttestation extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "environment_id", nullable = false)
  public Long environmentId;

  @Column(length = 512, nullable = false)
  public String location;

  @Column(name = "separate_from_database_backups", nullable = false)
  public boolean separateFromDatabaseBackups;

  @Column(length = 2000)
  public String note;

  @Column(name = "attested_by", length = 256, nullable = false)
  public String attestedBy;

  @Column(name = "attested_at", nullable = false)
  public OffsetDateTime attestedAt;

  @Column(name = "expires_at", nullable = false)
  public OffsetDateTime expiresAt;
}
