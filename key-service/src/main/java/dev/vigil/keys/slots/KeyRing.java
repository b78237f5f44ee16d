package dev.vigil.keys.slots;

import dev.vigil.common.jobs.Workers;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The usable key versions of each slot, read from the environment's Secret and kept in memory for a
 * short while (the only place besides the Secret where key material exists). A value is used only
 * when its fingerprint matches the recorded version, so a Secret edited behind Vigil's back never
 * encrypts or decrypts under the wrong version number.
 */
@ApplicationScoped
public class KeyRing {

  /** The usable keys of one slot by version. Holds key material: never log or serialise it. */
  public static final class SlotKeys {
    private final int primary;
    private final boolean pinned;
    private final Map<Integer, SecretKey> keys;
    private final Map<Integer, String> unavailable;

    SlotKeys(
        int primary,
        boolean pinned,
        Map<Integer, SecretKey> keys,
        Map<Integer, String> unavailable) {
      this.primary = primary;
      this.pinned = pinned;
      this.keys = Map.copyOf(keys);
      this.unavailable = Map.copyOf(unavailable);
    }

    static SlotKeys none() {
      return new SlotKeys(0, false, Map.of(), Map.of());
    }

    /** The version encryption uses, 0 when the slot has no usable primary. */
    public int primary() {
      return primary;
    }

    /** The key of a version, or null when it does not decrypt (retired, missing, unknown). */
    public SecretKey key(int version) {
      return keys.get(version);
    }

    /**
     * Whether the reason a version has no key is final (retired, or replaced outside Vigil), so a
     * ciphertext under it can never be decrypted again; otherwise (missing from or changed in the
     * Secret) it may come back.
     */
    public boolean lostForGood(int version) {
      String reason = unavailable.get(version);
      return reason != null && (reason.endsWith(" is retired") || reason.contains(" replaced "));
    }

    /** Why a version has no key, naming the version and the reason, never a value. */
    public String whyUnavailable(int version) {
      return unavailable.getOrDefault(version, "version " + version + " is not usable");
    }

    @Override
    public String toString() {
      return "SlotKeys[primary=v" + primary + ", usable=" + new TreeMap<>(keys).keySet() + "]";
    }
  }

  private record Cached(SlotKeys keys, long loadedAt) {}

  private static final String PRIMARY =
      "environmentId = ?1 and slot = ?2 and state = '" + KeySlotVersion.State.PRIMARY.name() + "'";

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final KeySecrets secrets;
  private final Fingerprints fingerprints;
  private final KeysConfig config;

  KeyRing(KeySecrets secrets, Fingerprints fingerprints, KeysConfig config) {
    this.secrets = secrets;
    this.fingerprints = fingerprints;
    this.config = config;
  }

  /** The slot's keys, from memory when read recently, else from the Secret. Needs a session. */
  public Uni<SlotKeys> keys(Environment environment, String slot) {
    Cached cached = cache.get(cacheKey(environment.id, slot));
    if (cached != null && System.nanoTime() - cached.loadedAt() < config.keyCacheTtl().toNanos()) {
      return Uni.createFrom().item(cached.keys());
    }
    return load(environment, slot);
  }

  /**
   * The keys to encrypt with: the primary the database records now (another replica may have
   * promoted one since the cache was filled), with its value pinned as a {@code <slot>.v<n>} entry
   * so that a later change of the main entry outside Vigil cannot take it away. With {@code lock},
   * the primary's row is read FOR SHARE, so a promotion waits for the caller's transaction (needs
   * one) and re-encryption then sees what it wrote. Needs a session.
   */
  public Uni<SlotKeys> forEncryption(Environment environment, String slot, boolean lock) {
    var query = KeySlotVersion.<KeySlotVersion>find(PRIMARY, environment.id, slot);
    return keys(environment, slot)
        .chain(
            cached ->
                (lock ? query.withLock(LockModeType.PESSIMISTIC_READ) : query)
                    .firstResult()
                    .chain(
                        primary -> {
                          if (primary == null) {
                            return Uni.createFrom().item(SlotKeys.none());
                          }
                          if (primary.version == cached.primary() && cached.pinned) {
                            return Uni.createFrom().item(cached);
                          }
                          return Workers.offload(() -> pin(environment, primary))
                              .chain(() -> load(environment, slot));
                        }));
  }

  /** Reads the slot's keys from the Secret now (after a change, or for a version not cached). */
  public Uni<SlotKeys> load(Environment environment, String slot) {
    return KeySlotVersion.<KeySlotVersion>list(
            "environmentId = ?1 and slot = ?2", environment.id, slot)
        .chain(
            versions -> {
              if (versions.isEmpty()) {
                // Not a slot: nothing to read, nothing to cache.
                return Uni.createFrom().item(SlotKeys.none());
              }
              return SlotPolicy.of(environment.id, slot)
                  .chain(
                      policy ->
                          Workers.offload(
                              () ->
                                  build(
                                      slot,
                                      policy.minDecryptionVersion,
                                      versions,
                                      secrets.read(environment))))
                  .invoke(
                      keys ->
                          cache.put(
                              cacheKey(environment.id, slot), new Cached(keys, System.nanoTime())));
            });
  }

  /** Copies the primary's value from the main entry into its version entry when it has none. */
  private Void pin(Environment environment, KeySlotVersion primary) {
    Map<String, String> secret = secrets.read(environment);
    String entry = Slots.versionEntry(primary.slot, primary.version);
    String value = secret.get(primary.slot);
    if (!secret.containsKey(entry)
        && value != null
        && fingerprints.of(value).equals(primary.fingerprint)) {
      secrets.add(environment, Map.of(entry, value));
    }
    return null;
  }

  /** Drops what is cached of an environment's slots, so the next use reads the Secret. */
  public void forget(Environment environment) {
    cache.keySet().removeIf(key -> key.startsWith(environment.id + "/"));
  }

  private SlotKeys build(
      String slot, int minDecryption, List<KeySlotVersion> versions, Map<String, String> secret) {
    Map<Integer, SecretKey> keys = new java.util.HashMap<>();
    Map<Integer, String> unavailable = new java.util.HashMap<>();
    int primary = 0;
    boolean pinned = false;
    for (KeySlotVersion version : versions) {
      String value = Slots.valueOf(secret, version);
      if (version.is(KeySlotVersion.State.PRIMARY)) {
        pinned = secret.containsKey(Slots.versionEntry(slot, version.version));
      }
      String problem = null;
      if (version.is(KeySlotVersion.State.DESTROYED) || version.version < minDecryption) {
        problem = "version " + version.version + " is retired";
      } else if (version.is(KeySlotVersion.State.REPLACED)) {
        problem = "version " + version.version + " was replaced outside Vigil and is not held";
      } else if (value == null) {
        problem = "version " + version.version + " is not in the Secret";
      } else if (!fingerprints.of(value).equals(version.fingerprint)) {
        problem = "version " + version.version + " was changed in the Secret outside Vigil";
      } else if (!KeyMaterial.isKey(value)) {
        problem = "version " + version.version + " is not a 256-bit hex key";
      }
      if (problem != null) {
        unavailable.put(version.version, problem);
        continue;
      }
      keys.put(version.version, new SecretKeySpec(HexFormat.of().parseHex(value), "AES"));
      if (version.is(KeySlotVersion.State.PRIMARY)) {
        primary = version.version;
      }
    }
    return new SlotKeys(primary, pinned && primary != 0, keys, unavailable);
  }

  private static String cacheKey(Long environmentId, String slot) {
    return environmentId + "/" + slot;
  }
}
