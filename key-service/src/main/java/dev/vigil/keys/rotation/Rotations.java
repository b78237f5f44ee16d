package dev.vigil.keys.rotation;

import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.events.keys.KeyVersionChanged;
import dev.vigil.common.jobs.Workers;
import dev.vigil.common.security.Caller;
import dev.vigil.keys.KeyEvents;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.Fingerprints;
import dev.vigil.keys.slots.KeyMaterial;
import dev.vigil.keys.slots.KeyRing;
import dev.vigil.keys.slots.KeySecrets;
import dev.vigil.keys.slots.KeySlotVersion;
import dev.vigil.keys.slots.KeySlotVersion.State;
import dev.vigil.keys.slots.KeyVersionsChanged;
import dev.vigil.keys.slots.KeyVersionsChanged.Change;
import dev.vigil.keys.slots.SlotPolicy;
import dev.vigil.keys.slots.Slots;
import dev.vigil.keys.vault.StoredCredential;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Key rotation as add, distribute, promote. Adding writes the new version into the Secret as {@code
 * <slot>.v<n>} (and keeps the current one as its own version entry) so consumers can load it before
 * it is used; promoting makes it the slot's main entry and the encryption version, then re-encrypts
 * the vault. Every operation holds the environment's row lock, so two rotations of one environment
 * never interleave. Needs the caller's transaction.
 */
@ApplicationScoped
public class Rotations {

  /** Who asked and why, for events. */
  /**
   * Who asks for a change and why.
   *
   * @param actor the caller's oid (azp for an app token without one), or {@code scheduler}
   * @param actorApp the caller's client application ({@code azp}), or {@code null}
   * @param actorTenant the caller's directory ({@code tid}), or {@code null}
   */
  public record Request(
      String actor, String actorApp, String actorTenant, String reason, boolean emergency) {

    /** A request by the caller of the API. */
    public static Request by(Caller caller, String reason, boolean emergency) {
      return new Request(caller.id(), caller.azp(), caller.tenant(), reason, emergency);
    }

    /** A request by the service's own scheduler. */
    public static Request scheduled(String reason) {
      return new Request("scheduler", null, null, reason, false);
    }
  }

  private final KeySecrets secrets;
  private final Fingerprints fingerprints;
  private final KeyRing ring;
  private final KeyEvents events;
  private final Event<KeyVersionsChanged> versionsChanged;

  Rotations(
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

  /** Adds a pending version; the scheduler promotes it at {@code autoPromoteAt} when set. */
  public Uni<KeySlotVersion> add(
      Environment environment, String slot, OffsetDateTime autoPromoteAt, Request request) {
    return locked(environment, slot)
        .chain(
            versions -> {
              KeySlotVersion primary = primary(versions, slot);
              versions.stream()
                  .filter(v -> v.is(State.PENDING))
                  .findFirst()
                  .ifPresent(
                      pending -> {
                        throw conflict(
                            slot + " v" + pending.version + " is pending: promote it first");
                      });
              int next = versions.stream().mapToInt(v -> v.version).max().orElse(0) + 1;
              return Workers.offload(() -> writeNewVersion(environment, primary, next))
                  .chain(
                      fingerprint -> {
                        KeySlotVersion added = new KeySlotVersion();
                        added.environmentId = environment.id;
                        added.slot = slot;
                        added.version = next;
                        added.fingerprint = fingerprint;
                        added.origin = KeySlotVersion.Origin.GENERATED.name();
                        added.state = State.PENDING.name();
                        added.observedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        added.autoPromoteAt = autoPromoteAt;
                        return added.<KeySlotVersion>persist();
                      });
            })
        .call(added -> changed(environment, added, "ADDED", request))
        .invoke(() -> ring.forget(environment))
        .call(added -> announce(environment, Change.ADDED, slot, added.version, request));
  }

  /** Makes a pending version the primary and starts re-encrypting the vault to it. */
  public Uni<KeySlotVersion> promote(
      Environment environment, String slot, int version, Request request) {
    return locked(environment, slot)
        .chain(
            versions -> {
              KeySlotVersion primary = primary(versions, slot);
              KeySlotVersion promoted =
                  versions.stream()
                      .filter(v -> v.version == version)
                      .findFirst()
                      .orElseThrow(() -> new NotFoundException(slot + " has no v" + version));
              if (!promoted.is(State.PENDING)) {
                throw conflict(slot + " v" + version + " is " + promoted.state + ", not PENDING");
              }
              if (promoted.version < primary.version) {
                throw conflict(
                    slot
                        + " v"
                        + version
                        + " is older than the primary v"
                        + primary.version
                        + "; add a new version instead");
              }
              return Workers.offload(() -> writeMainEntry(environment, primary, promoted))
                  .chain(
                      () -> {
                        primary.state = State.DECRYPT_ONLY.name();
                        return primary.persistAndFlush();
                      })
                  .chain(
                      () -> {
                        promoted.state = State.PRIMARY.name();
                        promoted.promotedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        promoted.autoPromoteAt = null;
                        return promoted.<KeySlotVersion>persistAndFlush();
                      });
            })
        .call(promoted -> changed(environment, promoted, "PROMOTED", request))
        .invoke(() -> ring.forget(environment))
        .call(promoted -> announce(environment, Change.PROMOTED, slot, promoted.version, request));
  }

  /**
   * Adds and promotes at once. In an emergency the given versions (default: the current primary)
   * are marked compromised first, and re-encryption away from them starts at once.
   */
  public Uni<KeySlotVersion> rotate(
      Environment environment, String slot, Set<Integer> compromised, Request request) {
    Uni<Void> marked =
        request.emergency()
            ? markCompromised(environment, slot, compromised, request)
                .chain(() -> discardPending(environment, slot, request))
            : Uni.createFrom().voidItem();
    return marked
        .chain(() -> add(environment, slot, null, request))
        .chain(added -> promote(environment, slot, added.version, request));
  }

  /**
   * Retires every version up to {@code version}: they stop decrypting and are removed from the
   * Secret. Refused while any vault credential still uses one of them.
   */
  public Uni<List<KeySlotVersion>> retire(
      Environment environment, String slot, int version, Request request) {
    return locked(environment, slot)
        .chain(
            versions -> {
              KeySlotVersion primary = primary(versions, slot);
              if (version >= primary.version) {
                throw conflict(
                    "v" + version + " is not older than the primary v" + primary.version);
              }
              return StoredCredential.count(
                      "environmentId = ?1 and slot = ?2 and keyVersion <= ?3",
                      environment.id,
                      slot,
                      version)
                  .chain(
                      inUse -> {
                        if (inUse > 0) {
                          throw conflict(
                              inUse
                                  + " vault credentials still use "
                                  + slot
                                  + " v"
                                  + version
                                  + " or older; wait for re-encryption to finish");
                        }
                        return SlotPolicy.of(environment.id, slot);
                      })
                  .chain(
                      policy -> {
                        policy.minDecryptionVersion =
                            Math.max(policy.minDecryptionVersion, version + 1);
                        return policy.persist();
                      })
                  .chain(
                      () ->
                          destroy(
                              environment,
                              versions.stream()
                                  .filter(v -> v.version <= version && v.state().usable())
                                  .toList(),
                              request));
            })
        .invoke(() -> ring.forget(environment))
        .call(() -> announce(environment, Change.RETIRED, slot, version, request));
  }

  /**
   * In an emergency a version waiting for distribution is no use (it may be as exposed as the rest
   * of the Secret): it is destroyed so a fresh one can be added and promoted at once.
   */
  private Uni<Void> discardPending(Environment environment, String slot, Request request) {
    return locked(environment, slot)
        .chain(
            versions -> {
              List<KeySlotVersion> pending =
                  versions.stream().filter(v -> v.is(State.PENDING)).toList();
              if (pending.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return destroy(environment, pending, request).replaceWithVoid();
            });
  }

  /**
   * Removes the versions' entries from the Secret, then records them {@code DESTROYED} and
   * announces each as {@code RETIRED}.
   */
  private Uni<List<KeySlotVersion>> destroy(
      Environment environment, List<KeySlotVersion> versions, Request request) {
    List<String> entries =
        versions.stream().map(v -> Slots.versionEntry(v.slot, v.version)).toList();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return Workers.offload(
            () -> {
              secrets.remove(environment, entries);
              return versions;
            })
        .chain(
            () ->
                Multi.createFrom()
                    .iterable(versions)
                    .onItem()
                    .transformToUniAndConcatenate(
                        v -> {
                          v.state = State.DESTROYED.name();
                          v.destroyedAt = now;
                          v.autoPromoteAt = null;
                          return v.<KeySlotVersion>persist()
                              .call(saved -> changed(environment, saved, "RETIRED", request));
                        })
                    .collect()
                    .asList());
  }

  private Uni<Void> markCompromised(
      Environment environment, String slot, Set<Integer> versions, Request request) {
    return locked(environment, slot)
        .chain(
            all -> {
              KeySlotVersion primary = primary(all, slot);
              Set<Integer> wanted = versions.isEmpty() ? Set.of(primary.version) : versions;
              List<KeySlotVersion> marked =
                  all.stream().filter(v -> wanted.contains(v.version)).toList();
              if (marked.size() != wanted.size()) {
                throw new NotFoundException(slot + " has no version among " + wanted);
              }
              OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
              return Multi.createFrom()
                  .iterable(marked)
                  .onItem()
                  .transformToUniAndConcatenate(
                      v -> {
                        v.compromisedAt = now;
                        return v.<KeySlotVersion>persist()
                            .call(saved -> changed(environment, saved, "COMPROMISED", request));
                      })
                  .collect()
                  .last()
                  .replaceWithVoid();
            });
  }

  /** Generates version {@code next} into the Secret, keeping the primary as a version entry. */
  private String writeNewVersion(Environment environment, KeySlotVersion primary, int next) {
    Map<String, String> secret = secrets.read(environment);
    String current = recordedPrimary(secret, primary);
    String value = KeyMaterial.generate();
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(Slots.versionEntry(primary.slot, primary.version), current);
    entries.put(Slots.versionEntry(primary.slot, next), value);
    secrets.put(environment, entries);
    return fingerprints.of(value);
  }

  /**
   * Makes the promoted version the main entry, in the same Secret update that keeps the old primary
   * as its version entry; refused when the main entry is not the recorded primary any more
   * (overwriting it would lose a key nobody else holds).
   */
  private Void writeMainEntry(
      Environment environment, KeySlotVersion primary, KeySlotVersion promoted) {
    Map<String, String> secret = secrets.read(environment);
    String value = secret.get(Slots.versionEntry(promoted.slot, promoted.version));
    if (value == null || !fingerprints.of(value).equals(promoted.fingerprint)) {
      throw conflict(
          promoted.slot + " v" + promoted.version + " is missing or changed in the Secret");
    }
    String current = recordedPrimary(secret, primary);
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(Slots.versionEntry(primary.slot, primary.version), current);
    entries.put(promoted.slot, value);
    secrets.put(environment, entries);
    return null;
  }

  /**
   * The main entry's value, refused (409) when it is not the recorded primary any more: it was
   * changed outside Vigil, and writing over it or past it would lose a key nobody else holds.
   */
  private String recordedPrimary(Map<String, String> secret, KeySlotVersion primary) {
    String current = secret.get(primary.slot);
    if (current == null || !fingerprints.of(current).equals(primary.fingerprint)) {
      throw conflict(
          "the Secret's "
              + primary.slot
              + " is not the recorded v"
              + primary.version
              + " any more; adopt the slot first");
    }
    return current;
  }

  private Uni<List<KeySlotVersion>> locked(Environment environment, String slot) {
    return Panache.getSession()
        .chain(session -> session.lock(environment, LockModeType.PESSIMISTIC_WRITE))
        .chain(
            () ->
                KeySlotVersion.<KeySlotVersion>list(
                    "environmentId = ?1 and slot = ?2 order by version", environment.id, slot));
  }

  private static KeySlotVersion primary(List<KeySlotVersion> versions, String slot) {
    return versions.stream()
        .filter(v -> v.is(State.PRIMARY))
        .findFirst()
        .orElseThrow(
            () -> new NotFoundException(slot + " has no primary version: generate or adopt it"));
  }

  private Uni<Void> changed(
      Environment environment, KeySlotVersion version, String change, Request request) {
    return events.emit(
        environment.name + "/" + version.slot,
        new KeyVersionChanged(
            environment.name,
            version.slot,
            version.version,
            change,
            version.state,
            request.emergency() ? Boolean.TRUE : null,
            request.reason(),
            request.actor(),
            request.actorApp(),
            request.actorTenant(),
            OffsetDateTime.now(ZoneOffset.UTC)));
  }

  /** Re-encryption and the controls catch up in this transaction (they observe the change). */
  private Uni<Void> announce(
      Environment environment, Change change, String slot, int version, Request request) {
    return ChainedEvent.publish(
        versionsChanged,
        new KeyVersionsChanged(environment, change, slot, version, request.emergency()));
  }

  private static ClientErrorException conflict(String message) {
    return new ClientErrorException(message, Response.Status.CONFLICT);
  }
}
