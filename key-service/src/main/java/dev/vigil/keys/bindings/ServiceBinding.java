package dev.vigil.keys.bindings;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A service principal (Entra ID object ID in a tenant) allowed to use one environment's transit
 * keys and credential vault.
 */
@Entity
@Table(name = "key_service_binding")
public class ServiceBinding extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "environment_id", nullable = false)
  public Long environmentId;

  @Column(name = "tenant_id", length = 64, nullable = false)
  public String tenantId;

  @Column(name = "object_id", length = 64, nullable = false)
  public String objectId;

  @Column(length = 256)
  public String note;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "created_by_oid", length = 64)
  public String createdByOid;

  @Column(name = "created_by_azp", length = 64)
  public String createdByAzp;

  @Column(name = "created_by_tid", length = 64)
  public String createdByTid;
}
