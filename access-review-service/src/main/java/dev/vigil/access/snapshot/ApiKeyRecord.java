package dev.vigil.access.snapshot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** An API key row of a stored snapshot; never the key's secret. */
@Entity
@Table(name = "access_api_key")
public class ApiKeyRecord extends PanacheEntityBase {

  static final String ACTIVE = "ACTIVE";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "snapshot_id", nullable = false)
  public Long snapshotId;

  @Column(name = "key_id", nullable = false)
  public String keyId;

  public String name;

  @Column(name = "owner_id")
  public String ownerId;

  @Convert(converter = StringList.class)
  @Column(nullable = false, columnDefinition = "text")
  public List<String> scopes;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "last_used_at")
  public OffsetDateTime lastUsedAt;

  @Column(name = "expires_at")
  public OffsetDateTime expiresAt;

  @Column(length = 16, nullable = false)
  public String status;

  static ApiKeyRecord of(long snapshotId, ApiKey k) {
    ApiKeyRecord r = new ApiKeyRecord();
    r.snapshotId = snapshotId;
    r.keyId = k.id();
    r.name = k.name();
    r.ownerId = k.ownerId();
    r.scopes = k.scopes();
    r.createdAt = Times.offset(k.createdAt());
    r.lastUsedAt = Times.offset(k.lastUsedAt());
    r.expiresAt = Times.offset(k.expiresAt());
    r.status = k.active() ? ACTIVE : "REVOKED";
    return r;
  }
}
