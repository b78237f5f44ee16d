package dev.vigil.access.snapshot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A stored snapshot of one source: CURRENT, or SUPERSEDED by a newer one. */
@Entity
@Table(name = "access_snapshot")
public class SnapshotRecord extends PanacheEntityBase {

  public static final String CURRENT = "CURRENT";
  public static final String SUPERSEDED = "SUPERSEDED";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "source_id", nullable = false)
  public Long sourceId;

  @Column(length = 16, nullable = false)
  public String state;

  @Column(name = "taken_at", nullable = false)
  public OffsetDateTime takenAt;

  @Column(name = "sign_in_activity_available", nullable = false)
  public boolean signInActivityAvailable;

  @Column(name = "account_count", nullable = false)
  public int accountCount;

  @Column(name = "api_key_count", nullable = false)
  public int apiKeyCount;

  @Column(name = "sso_only")
  public Boolean ssoOnly;

  @Column(name = "password_min_length")
  public Integer passwordMinLength;

  @Column(name = "password_requires_mixed")
  public Boolean passwordRequiresMixed;

  @Column(name = "password_max_age_days")
  public Integer passwordMaxAgeDays;
}
