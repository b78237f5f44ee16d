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

  /** Where a version is in its life. */
  public enum State {
    /** Added to the Secret for consumers to pick up; decrypts, does not encrypt yet. */
    PENDING,
    /** In the slot's main entry: what the platform reads and what encryption uses. */
    PRIMARY,
    /** Superseded by a promotion, kept in the Secret so older ciphertexts still decrypt. */
    DECRYPT_ONLY,
    /** Changed in the Secret outside Vigil: the value is no longer held anywhere Vigil knows. */
    REPLACED,
    /** Retired below the minimum decryption version and removed from the Secret. */
    DESTROYED;

    /** Whether the version's value is (still) in the Secret for decryption. */
    public boolean usable() {
      return this == PENDING || this == PRIMARY || this == DECRYPT_ONLY;
    }
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

  @Column(length = 16, nullable = false)
  public String state = State.PRIMARY.name();

  /** When the version became the slot's primary (for adopted versions: when first seen). */
  @Column(name = "promoted_at")
  public OffsetDateTime promotedAt;

  /** When a pending version is promoted by the scheduler (null: the operator promotes it). */
  @Column(name = "auto_promote_at")
  public OffsetDateTime autoPromoteAt;

  @Column(name = "compromised_at")
  public OffsetDateTime compromisedAt;

  @Column(name = "destroyed_at")
  public OffsetDateTime destroyedAt;

  public State state() {
    return State.valueOf(state);
  }

  public boolean is(State candidate) {
    return state().equals(candidate);
  }
}
