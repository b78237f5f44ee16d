package dev.vigil.keys.slots;

import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.events.keys.KeyVersionChanged;
import dev.vigil.common.jobs.Workers;
import dev.vigil.keys.KeyEvents;
import dev.vigil.keys.environments.Environment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Generates missing key slots into an environment's Secret and records what each slot holds as a
 * fingerprint. A slot that already has a value is adopted, never overwritten. Key values exist only
 * on the worker thread that reads or writes the Secret.
 */
@ApplicationScoped
public class KeySlots {

  /** What was observed of one slot's main entry, without its value. */
  record Observed(String slot, String fingerprint, String weakness, KeySlotVersion.Origin origin) {}

  /** One reading of the Secret: its slots, and which version entries it holds. */
  record Observation(List<Observed> slots, Set<String> versionEntries) {}

  private final KeySecrets secrets;
  private final Fingerprints fingerprints;
  private final KeyRing ring;
  private final KeyEvents events;
  private final Event<KeyVersionsChanged> versionsChanged;

  KeySlots(
      KeySecrets secrets,
      Fingerprints fingerprints,
      KeyRing ring,
      KeyEvents events,
      Event<KeyVersionsChanged> versionsChanged) {
    this.secrets = secrets;
    this.fingerprints = fingerprints;
    this.ring = ring;
    this.events = events;
    this.versionsChanged = versionsChanged;
  }

  /**
   * Generates the standard and custom slots the Secret lacks, then records every slot. Needs a
   * transaction.
   */
  public Uni<List<KeySlotVersion>> generate(Environment environment) {
    return lock(environment)
        .chain(() -> SlotPolicy.customSlots(environment.id))
        .chain(custom -> Workers.offload(() -> observe(environment, custom)))
        .chain(o -> record(environment, o));
  }

  /**
   * An Admin's explicit adoption: labels the existing Secret as this environment's (no data
   * changes), then records the slots it has.
   */
  public Uni<List<KeySlotVersion>> adoptExplicitly(Environment environment) {
    return lock(environment)
        .chain(
            () ->
                Workers.offload(
                    () -> {
                      secrets.adopt(environment);
                      return environment;
                    }))
        .chain(() -> adopt(environment));
  }

  /**
   * Records the slots the environment's (labelled) Secret has, changing nothing there: after a
   * restore and on every scheduled reading.
   */
  public Uni<List<KeySlotVersion>> adopt(Environment environment) {
    return lock(environment)
        .chain(() -> Workers.offload(() -> observe(environment, null)))
        .chain(o -> record(environment, o));
  }

  /**
   * The environment's row lock, taken before the Secret is read: a rotation commits either before
   * the reading (and is seen whole) or after this transaction. Needs a transaction.
   */
  private static Uni<Void> lock(Environment environment) {
    return Panache.getSession()
        .chain(session -> session.lock(environment, LockModeType.PESSIMISTIC_WRITE));
  }

  /**
   * Reads the Secret again for the scheduled evaluation; a Secret that cannot be read is recorded
   * as such (the controls then fail for it) instead of failing the whole run.
   */
  public Uni<List<KeySlotVersion>> refresh(Environment environment) {
    return adopt(environment)
        .onFailure(
            f -> f instanceof KubernetesClientException || f instanceof UnmanagedSecretException)
        .recoverWithItem(
            failure -> {
              environment.observationError =
                  failure instanceof KubernetesClientException k
                      ? "Secret unreadable (HTTP " + k.getCode() + ")"
                      : "Secret not labelled for this environment";
              environment.observedAt = OffsetDateTime.now(ZoneOffset.UTC);
              return List.of();
            });
  }

  /**
   * @param generate the slots to generate when missing, or null to change nothing
   */
  private Observation observe(Environment environment, List<String> generate) {
    Map<String, String> values = secrets.read(environment);
    Map<String, String> generated = new LinkedHashMap<>();
    if (generate != null) {
      List<String> wanted = new ArrayList<>(Slots.STANDARD);
      wanted.addAll(generate);
      for (String slot : wanted) {
        if (!values.containsKey(slot)) {
          generated.put(slot, KeyMaterial.generate());
        }
      }
      if (!generated.isEmpty()) {
        secrets.add(environment, generated);
        values = secrets.read(environment);
      }
    }
    List<Observed> observed = new ArrayList<>();
    Set<String> versionEntries = new LinkedHashSet<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (Slots.isVersionEntry(entry.getKey())) {
        versionEntries.add(entry.getKey());
        continue;
      }
      String value = entry.getValue();
      boolean ours = value.equals(generated.get(entry.getKey()));
      observed.add(
          new Observed(
              entry.getKey(),
              fingerprints.of(value),
              KeyMaterial.weakness(value),
              ours ? KeySlotVersion.Origin.GENERATED : KeySlotVersion.Origin.ADOPTED));
    }
    return new Observation(observed, versionEntries);
  }

  /**
   * Matches each main entry with the slot's primary version. A value that is a pending version
   * promotes it (someone distributed it by hand); any other new value is a new primary version.
   */
  private Uni<List<KeySlotVersion>> record(Environment environment, Observation observation) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    environment.observedSlots =
        String.join(",", observation.slots().stream().map(Observed::slot).sorted().toList());
    environment.observedAt = now;
    environment.observationError = null;
    return Multi.createFrom()
        .iterable(observation.slots())
        .onItem()
        .transformToUniAndConcatenate(
            o ->
                KeySlotVersion.<KeySlotVersion>list(
                        "environmentId = ?1 and slot = ?2 order by version",
                        environment.id,
                        o.slot())
                    .map(versions -> reconcile(environment, o, versions, observation, now))
                    .call(changed -> persistAll(changed.changed()))
                    .call(changed -> promoted(environment, changed))
                    .map(Reconciled::primary))
        .collect()
        .asList()
        .invoke(ignored -> ring.forget(environment));
  }

  /**
   * @param previous the primary before, when it changed (a rotation made in the Secret itself)
   */
  private record Reconciled(
      KeySlotVersion primary, List<KeySlotVersion> changed, KeySlotVersion previous) {}

  /** A primary that changed in the Secret is a rotation: announce it and re-encrypt the vault. */
  private Uni<Void> promoted(Environment environment, Reconciled reconciled) {
    if (reconciled.previous() == null) {
      return Uni.createFrom().voidItem();
    }
    KeySlotVersion primary = reconciled.primary();
    return events
        .emit(
            environment.name + "/" + primary.slot,
            new KeyVersionChanged(
                environment.name,
                primary.slot,
                primary.version,
                "PROMOTED",
                primary.state,
                null,
                "the slot's main entry changed in the Secret",
                "key-service",
                null,
                null,
                OffsetDateTime.now(ZoneOffset.UTC)))
        .chain(
            () ->
                ChainedEvent.publish(
                    versionsChanged,
                    new KeyVersionsChanged(
                        environment,
                        KeyVersionsChanged.Change.REPLACED_IN_SECRET,
                        primary.slot,
                        primary.version,
                        false)));
  }

  private static Reconciled reconcile(
      Environment environment,
      Observed observed,
      List<KeySlotVersion> versions,
      Observation observation,
      OffsetDateTime now) {
    Optional<KeySlotVersion> primary =
        versions.stream().filter(v -> v.is(KeySlotVersion.State.PRIMARY)).findFirst();
    if (primary.isPresent() && primary.get().fingerprint.equals(observed.fingerprint())) {
      return new Reconciled(primary.get(), List.of(), null);
    }
    List<KeySlotVersion> changed = new ArrayList<>();
    primary.ifPresent(
        old -> {
          boolean kept =
              observation.versionEntries().contains(Slots.versionEntry(old.slot, old.version));
          old.state =
              (kept ? KeySlotVersion.State.DECRYPT_ONLY : KeySlotVersion.State.REPLACED).name();
          changed.add(old);
        });
    Optional<KeySlotVersion> pending =
        versions.stream()
            .filter(
                v ->
                    v.is(KeySlotVersion.State.PENDING)
                        && v.fingerprint.equals(observed.fingerprint()))
            .findFirst();
    KeySlotVersion current;
    if (pending.isPresent()) {
      current = pending.get();
    } else {
      current = new KeySlotVersion();
      current.environmentId = environment.id;
      current.slot = observed.slot();
      current.version = versions.stream().mapToInt(v -> v.version).max().orElse(0) + 1;
      current.fingerprint = observed.fingerprint();
      current.weakness = observed.weakness();
      current.origin = observed.origin().name();
      current.observedAt = now;
    }
    current.state = KeySlotVersion.State.PRIMARY.name();
    current.promotedAt = now;
    current.autoPromoteAt = null;
    changed.add(current);
    return new Reconciled(current, changed, primary.orElse(null));
  }

  /** Demotions first: the one-primary-per-slot index must hold after every statement. */
  private static Uni<Void> persistAll(List<KeySlotVersion> versions) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (KeySlotVersion version : versions) {
      chain = chain.chain(() -> version.persistAndFlush()).replaceWithVoid();
    }
    return chain;
  }
}
