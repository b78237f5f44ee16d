package dev.vigil.keys.rotation;

import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.KeySlotVersion;
import dev.vigil.keys.slots.SlotPolicy;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Scheduled rotation: promotes pending versions whose distribution period is over, adds a pending
 * version to every slot with automatic rotation that is due, and re-evaluates MNT-03 (one replica).
 */
@ApplicationScoped
public class RotationSchedule {

  private static final long LOCK = 0x5649_4749_4c52_4f54L; // "VIGILROT"
  private static final Rotations.Request SCHEDULER =
      new Rotations.Request("scheduler", "scheduled rotation", false);

  private final Rotations rotations;
  private final RotationControl control;
  private final KeysConfig config;

  RotationSchedule(Rotations rotations, RotationControl control, KeysConfig config) {
    this.rotations = rotations;
    this.control = control;
    this.config = config;
  }

  @Scheduled(
      identity = "key-rotation",
      every = "${vigil.keys.rotation.check-interval:1h}",
      delayed = "20s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> run() {
    return SingleReplica.inTransaction(
        LOCK,
        session -> promoteDistributed().chain(this::addDue).chain(control::evaluate),
        () -> null);
  }

  private Uni<Void> promoteDistributed() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return KeySlotVersion.<KeySlotVersion>list(
            "state = ?1 and autoPromoteAt <= ?2", KeySlotVersion.State.PENDING.name(), now)
        .chain(
            pending ->
                each(
                    pending,
                    v ->
                        Environment.<Environment>findById(v.environmentId)
                            .chain(e -> rotations.promote(e, v.slot, v.version, SCHEDULER))
                            .replaceWithVoid()));
  }

  private Uni<Void> addDue() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return SlotPolicy.<SlotPolicy>list("automaticRotation = true")
        .chain(
            policies ->
                each(
                    policies,
                    policy ->
                        KeySlotVersion.<KeySlotVersion>list(
                                "environmentId = ?1 and slot = ?2 and state in ?3",
                                policy.environmentId,
                                policy.slot,
                                List.of(
                                    KeySlotVersion.State.PRIMARY.name(),
                                    KeySlotVersion.State.PENDING.name()))
                            .chain(
                                versions -> {
                                  boolean pending =
                                      versions.stream()
                                          .anyMatch(v -> v.is(KeySlotVersion.State.PENDING));
                                  KeySlotVersion primary =
                                      versions.stream()
                                          .filter(v -> v.is(KeySlotVersion.State.PRIMARY))
                                          .findFirst()
                                          .orElse(null);
                                  if (pending || primary == null || primary.promotedAt == null) {
                                    return Uni.createFrom().voidItem();
                                  }
                                  if (primary
                                      .promotedAt
                                      .plusDays(policy.rotationPeriodDays)
                                      .isAfter(now)) {
                                    return Uni.createFrom().voidItem();
                                  }
                                  return Environment.<Environment>findById(policy.environmentId)
                                      .chain(
                                          e ->
                                              rotations.add(
                                                  e,
                                                  policy.slot,
                                                  now.plus(config.rotation().distributionPeriod()),
                                                  SCHEDULER))
                                      .replaceWithVoid();
                                })));
  }

  private static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Void>> work) {
    return Multi.createFrom()
        .iterable(items)
        .onItem()
        .transformToUniAndConcatenate(item -> work.apply(item))
        .collect()
        .last()
        .replaceWithVoid();
  }
}
