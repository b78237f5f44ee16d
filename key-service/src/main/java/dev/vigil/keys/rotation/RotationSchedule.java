package dev.vigil.keys.rotation;

import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.KeySlotVersion;
import dev.vigil.keys.slots.SlotPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Scheduled rotation: promotes pending versions whose distribution period is over, then adds a
 * pending version to every slot with automatic rotation that is due. Each slot is one transaction
 * of its own, so one that fails (a Secret changed behind Vigil's back, a namespace without rights)
 * is logged and retried next round without holding up the others. Replicas may run this at the same
 * time: the environment lock serialises them and the second finds nothing left to do.
 */
@ApplicationScoped
public class RotationSchedule {

  private static final Logger LOG = Logger.getLogger(RotationSchedule.class);
  private static final Rotations.Request SCHEDULER =
      Rotations.Request.scheduled("scheduled rotation");

  private record SlotRef(long environmentId, String slot, int version) {}

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
    return Panache.withSession(this::distributed)
        .chain(
            pending ->
                each(
                    pending,
                    v ->
                        alone(
                            "promote " + v.slot() + " v" + v.version(),
                            () ->
                                Environment.<Environment>findById(v.environmentId())
                                    .chain(
                                        e ->
                                            rotations.promote(
                                                e, v.slot(), v.version(), SCHEDULER)))))
        .chain(() -> Panache.withSession(this::due))
        .chain(
            due ->
                each(
                    due,
                    s ->
                        alone(
                            "add a version to " + s.slot(),
                            () ->
                                Environment.<Environment>findById(s.environmentId())
                                    .chain(
                                        e ->
                                            rotations.add(
                                                e,
                                                s.slot(),
                                                OffsetDateTime.now(ZoneOffset.UTC)
                                                    .plus(config.rotation().distributionPeriod()),
                                                SCHEDULER)))))
        .chain(() -> alone("evaluate MNT-03", control::evaluate));
  }

  private Uni<List<SlotRef>> distributed() {
    return KeySlotVersion.<KeySlotVersion>list(
            "state = ?1 and autoPromoteAt <= ?2",
            KeySlotVersion.State.PENDING.name(),
            OffsetDateTime.now(ZoneOffset.UTC))
        .map(
            pending ->
                pending.stream()
                    .map(v -> new SlotRef(v.environmentId, v.slot, v.version))
                    .toList());
  }

  /** Slots with automatic rotation whose primary is older than the period and none pending. */
  private Uni<List<SlotRef>> due() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return SlotPolicy.<SlotPolicy>list("automaticRotation = true")
        .chain(
            policies ->
                KeySlotVersion.<KeySlotVersion>list(
                        "state in ?1",
                        List.of(
                            KeySlotVersion.State.PRIMARY.name(),
                            KeySlotVersion.State.PENDING.name()))
                    .map(
                        versions -> {
                          List<SlotRef> due = new ArrayList<>();
                          for (SlotPolicy policy : policies) {
                            List<KeySlotVersion> slot =
                                versions.stream()
                                    .filter(
                                        v ->
                                            v.environmentId.equals(policy.environmentId)
                                                && v.slot.equals(policy.slot))
                                    .toList();
                            boolean pending =
                                slot.stream().anyMatch(v -> v.is(KeySlotVersion.State.PENDING));
                            slot.stream()
                                .filter(v -> v.is(KeySlotVersion.State.PRIMARY))
                                .filter(v -> v.promotedAt != null)
                                .filter(
                                    v ->
                                        !v.promotedAt
                                            .plusDays(policy.rotationPeriodDays)
                                            .isAfter(now))
                                .findFirst()
                                .filter(v -> !pending)
                                .ifPresent(
                                    v -> due.add(new SlotRef(v.environmentId, v.slot, v.version)));
                          }
                          return due;
                        }));
  }

  private static Uni<Void> alone(String what, Supplier<Uni<?>> work) {
    return Panache.withTransaction(work::get)
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf("Scheduled rotation could not %s: %s", what, failure.getMessage());
              return Uni.createFrom().voidItem();
            });
  }

  private static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> work) {
    return Multi.createFrom()
        .iterable(items)
        .onItem()
        .transformToUniAndConcatenate(item -> work.apply(item))
        .collect()
        .last()
        .replaceWithVoid();
  }
}
