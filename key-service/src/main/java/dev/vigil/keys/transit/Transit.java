package dev.vigil.keys.transit;

import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.KeyRing;
import dev.vigil.keys.slots.KeyRing.SlotKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Encrypt, decrypt and rewrap under a slot's key versions. Plaintext and keys stay in memory for
 * the call; results and errors carry ciphertexts, versions and reasons only.
 */
@ApplicationScoped
public class Transit {

  /** The outcome for one item of a batch: a value and its key version, or why it failed. */
  public record Outcome<T>(T value, int keyVersion, String error) {
    static <T> Outcome<T> failed(String error) {
      return new Outcome<>(null, 0, error);
    }
  }

  private final KeyRing ring;
  private final MeterRegistry metrics;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  Transit(KeyRing ring, MeterRegistry metrics) {
    this.ring = ring;
    this.metrics = metrics;
  }

  /** What ciphertexts of the slot are bound to, besides the version and the caller's context. */
  public static String boundTo(Environment environment, String slot) {
    return environment.name + "/" + slot;
  }

  /**
   * The slot's keys, read again when a ciphertext names a version newer than those in memory. With
   * {@code encrypting}, the primary is the one the database records now (see {@link
   * KeyRing#forEncryption}).
   */
  public Uni<SlotKeys> keysFor(
      Environment environment, String slot, List<String> ciphertexts, boolean encrypting) {
    return (encrypting
            ? ring.forEncryption(environment, slot, false)
            : ring.keys(environment, slot))
        .chain(
            keys -> {
              boolean newer =
                  ciphertexts.stream()
                      .anyMatch(
                          c -> {
                            try {
                              int version = Envelope.parse(c).version();
                              return version > keys.primary() && keys.key(version) == null;
                            } catch (Envelope.InvalidCiphertextException e) {
                              return false;
                            }
                          });
              return newer ? ring.load(environment, slot) : Uni.createFrom().item(keys);
            });
  }

  /** Encrypts under the primary version. */
  public String encrypt(SlotKeys keys, String boundTo, byte[] context, byte[] plaintext) {
    if (keys.primary() == 0) {
      throw new KeyUnavailableException("the slot has no usable primary version");
    }
    count("encrypt", boundTo, keys.primary());
    return Envelope.seal(keys.key(keys.primary()), boundTo, keys.primary(), context, plaintext);
  }

  /** Decrypts with the version the ciphertext names. */
  public byte[] decrypt(SlotKeys keys, String boundTo, String ciphertext, byte[] context) {
    Envelope.Parsed parsed = Envelope.parse(ciphertext);
    if (keys.key(parsed.version()) == null) {
      throw new KeyUnavailableException(keys.whyUnavailable(parsed.version()));
    }
    count("decrypt", boundTo, parsed.version());
    return Envelope.open(keys.key(parsed.version()), boundTo, parsed, context);
  }

  /** Re-encrypts under the primary version; a ciphertext already there is returned unchanged. */
  public String rewrap(SlotKeys keys, String boundTo, String ciphertext, byte[] context) {
    if (Envelope.parse(ciphertext).version() == keys.primary()) {
      decrypt(keys, boundTo, ciphertext, context);
      return ciphertext;
    }
    return encrypt(keys, boundTo, context, decrypt(keys, boundTo, ciphertext, context));
  }

  /**
   * Applies an operation to each item, turning a bad item into its error instead of failing all.
   */
  public static <I, T> List<Outcome<T>> each(
      List<I> items, Function<I, T> operation, Function<T, Integer> version) {
    return items.stream()
        .map(
            item -> {
              try {
                T value = operation.apply(item);
                return new Outcome<>(value, version.apply(value), null);
              } catch (Envelope.InvalidCiphertextException
                  | KeyUnavailableException
                  | IllegalArgumentException e) {
                return Outcome.<T>failed(e.getMessage());
              }
            })
        .toList();
  }

  /** Per item on the hot path: the meter is looked up once per operation, slot and version. */
  private void count(String operation, String boundTo, int version) {
    counters
        .computeIfAbsent(
            operation + "|" + boundTo + "|" + version,
            key ->
                Counter.builder("vigil.keys.transit.operations")
                    .description("Transit and vault operations by key version")
                    .tag("operation", operation)
                    .tag("slot", boundTo)
                    .tag("version", Integer.toString(version))
                    .register(metrics))
        .increment();
  }
}
