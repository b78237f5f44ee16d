package dev.vigil.keys.vault;

import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.KeyRing;
import dev.vigil.keys.slots.KeyRing.SlotKeys;
import dev.vigil.keys.transit.Transit;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Stores the platform's credentials encrypted under a slot's primary key version. */
@ApplicationScoped
public class CredentialVault {

  /** The slot credentials are encrypted under when the caller names none. */
  public static final String DEFAULT_SLOT = "DEVICE_ENCRYPTION_KEY";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,252}");

  /** Largest credential value, in bytes. */
  private static final int MAX_VALUE_BYTES = 65536;

  /** A credential to store. */
  public record Write(String name, String value, String slot) {}

  private final KeyRing ring;
  private final Transit transit;

  CredentialVault(KeyRing ring, Transit transit) {
    this.ring = ring;
    this.transit = transit;
  }

  /** Encrypts and stores (or replaces) credentials. Needs a transaction. */
  public Uni<List<StoredCredential>> store(Environment environment, List<Write> writes) {
    writes.forEach(CredentialVault::check);
    Map<String, Uni<SlotKeys>> keys = new HashMap<>();
    return Multi.createFrom()
        .iterable(writes)
        .onItem()
        .transformToUniAndConcatenate(
            write -> {
              String slot = write.slot() == null ? DEFAULT_SLOT : write.slot();
              return keys.computeIfAbsent(
                      slot, s -> ring.forEncryption(environment, s, true).memoize().indefinitely())
                  .chain(slotKeys -> store(environment, slot, slotKeys, write));
            })
        .collect()
        .asList();
  }

  private Uni<StoredCredential> store(
      Environment environment, String slot, SlotKeys keys, Write write) {
    String ciphertext =
        transit.encrypt(
            keys,
            Transit.boundTo(environment, slot),
            StoredCredential.context(write.name()),
            write.value().getBytes(StandardCharsets.UTF_8));
    return StoredCredential.<StoredCredential>find(
            "environmentId = ?1 and name = ?2", environment.id, write.name())
        .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
        .firstResult()
        .chain(
            existing -> {
              StoredCredential credential = existing == null ? new StoredCredential() : existing;
              credential.environmentId = environment.id;
              credential.name = write.name();
              credential.slot = slot;
              credential.keyVersion = keys.primary();
              credential.ciphertext = ciphertext;
              credential.rewrapError = null;
              credential.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
              return credential.<StoredCredential>persist();
            });
  }

  /** A stored credential's value. Needs a session. */
  public Uni<String> read(Environment environment, StoredCredential credential) {
    return transit
        .keysFor(environment, credential.slot, List.of(credential.ciphertext), false)
        .map(
            keys ->
                new String(
                    transit.decrypt(
                        keys,
                        Transit.boundTo(environment, credential.slot),
                        credential.ciphertext,
                        StoredCredential.context(credential.name)),
                    StandardCharsets.UTF_8));
  }

  private static void check(Write write) {
    if (write == null || write.name() == null || !NAME.matcher(write.name()).matches()) {
      throw new jakarta.ws.rs.BadRequestException(
          "name must be 1-253 characters of letters, digits and . _ : -, starting with a letter"
              + " or digit");
    }
    if (write.value() == null || write.value().isEmpty()) {
      throw new jakarta.ws.rs.BadRequestException("value is required for " + write.name());
    }
    if (write.value().length() > MAX_VALUE_BYTES
        || write.value().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
      throw new jakarta.ws.rs.BadRequestException(
          "the value of " + write.name() + " is larger than " + MAX_VALUE_BYTES + " bytes");
    }
  }
}
