package dev.vigil.access.snapshot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.ws.rs.NotFoundException;
import java.time.OffsetDateTime;

/** A source of accounts, with the outcome of its last sync. */
@Entity
@Table(name = "access_source")
public class Source extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(length = 63, nullable = false, unique = true)
  public String name;

  @Enumerated(EnumType.STRING)
  @Column(length = 16, nullable = false)
  public SourceKind kind;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "last_sync_at")
  public OffsetDateTime lastSyncAt;

  @Column(name = "last_success_at")
  public OffsetDateTime lastSuccessAt;

  /**
   * PLATFORM sources: the platform's SCIM 2.0 base URL (e.g. {@code https://p.example/scim/v2}).
   */
  @Column(name = "scim_base_url", length = 512)
  public String scimBaseUrl;

  /** Why the last sync failed, or null. Never holds tokens or response bodies. */
  @Column(name = "last_error", length = 512)
  public String lastError;

  /** The source with this id, or a 404 failure. */
  public static Uni<Source> byId(long id) {
    return Source.<Source>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no access source " + id));
  }

  /** Records a failed sync; the current snapshot stays as it was. */
  public void failed(OffsetDateTime at, String reason) {
    lastSyncAt = at;
    lastError = reason.length() > 512 ? reason.substring(0, 512) : reason;
  }

  /** Records a successful sync. */
  public void succeeded(OffsetDateTime at) {
    lastSyncAt = at;
    lastSuccessAt = at;
    lastError = null;
  }
}
