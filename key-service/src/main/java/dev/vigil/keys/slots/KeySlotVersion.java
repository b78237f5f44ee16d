package dev.vigil.keys.slots;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One version of one slot of one environment: metadata and keyed fingerprint, never the key. */
@Entity
@Table(name = "key_slot_version")
public class KeySlotVersion extends PanacheEntityBase {

  /** How Vigil came to know a version. */
  public enum Origin {
    GENERATED,
    ADOPTED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "environment_id", nullable = false)
  public Long environmentId;

  @Column(length = 253, nullable = false)
  public String slot;

  @Column(nullable = false)
  public int version;

  @Column(length = 64, nullable = false)
  public String fingerprint;

  /** Why the value is not acceptable as a key (a rule, never the value), or null. */
  @Column(length = 64)
  public String weakness;

  @Column(length = 16, nullable = false)
  public String origin;

  @Column(name = "observed_at", nullable = false)
  public OffsetDateTime observedAt;
}
