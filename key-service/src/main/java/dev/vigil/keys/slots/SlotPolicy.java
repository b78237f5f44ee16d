package dev.vigil.keys.slots;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A slot's rotation policy and minimum decryption version; custom slots are declared here. */
@Entity
@Table(name = "key_slot_policy")
public class SlotPolicy extends PanacheEntityBase {

  /** Default rotation period: the checklist's yearly rotation. */
  public static final int DEFAULT_ROTATION_DAYS = 365;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "environment_id", nullable = false)
  public Long environmentId;

  @Column(length = 253, nullable = false)
  public String slot;

  @Column(nullable = false)
  public boolean custom;

  @Column(name = "rotation_period_days", nullable = false)
  public int rotationPeriodDays = DEFAULT_ROTATION_DAYS;

  /** Whether the scheduler adds a new version when due (and promotes it after distribution). */
  @Column(name = "automatic_rotation", nullable = false)
  public boolean automaticRotation;

  /** Versions below this were retired: they no longer decrypt and are gone from the Secret. */
  @Column(name = "min_decryption_version", nullable = false)
  public int minDecryptionVersion = 1;

  /** The slot's policy, or an unsaved default one (persist it to change it). */
  public static Uni<SlotPolicy> of(Long environmentId, String slot) {
    return SlotPolicy.<SlotPolicy>find("environmentId = ?1 and slot = ?2", environmentId, slot)
        .firstResult()
        .map(
            found -> {
              if (found != null) {
                return found;
              }
              SlotPolicy policy = new SlotPolicy();
              policy.environmentId = environmentId;
              policy.slot = slot;
              return policy;
            });
  }

  /** The environment's custom slot names. */
  public static Uni<List<String>> customSlots(Long environmentId) {
    return SlotPolicy.<SlotPolicy>list("environmentId = ?1 and custom = true", environmentId)
        .map(policies -> policies.stream().map(p -> p.slot).toList());
  }
}
