package dev.vigil.keys.backups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.events.keys.KeyBackupRecorded;
import dev.vigil.common.jobs.Workers;
import dev.vigil.common.security.Caller;
import dev.vigil.keys.KeyEvents;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.Fingerprints;
import dev.vigil.keys.slots.KeySecrets;
import dev.vigil.keys.slots.KeySlotVersion;
import dev.vigil.keys.slots.KeySlots;
import dev.vigil.keys.slots.Slots;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Offline key backups: export every held version of every slot as one passphrase-encrypted bundle,
 * verify a bundle against the live versions by fingerprint, and restore one into the Secret. Key
 * values exist only on the worker thread that reads the Secret or opens the bundle. Needs the
 * caller's transaction.
 */
@ApplicationScoped
public class KeyBackups {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A bundle and its record. */
  public record Exported(KeyBackup backup, String bundle) {}

  /** The outcome of verifying a bundle; mismatches name slot versions only. */
  public record Verification(
      UUID backupId,
      boolean verified,
      Map<String, List<Integer>> versions,
      List<String> mismatches) {}

  private record Fingerprinted(String slot, int version, String fingerprint) {}

  private record Checked(Map<String, List<Integer>> versions, List<String> mismatches) {}

  private static Map<String, List<Integer>> held(List<Fingerprinted> entries) {
    Map<String, List<Integer>> versions = new TreeMap<>();
    entries.forEach(
        e -> versions.computeIfAbsent(e.slot(), s -> new ArrayList<>()).add(e.version()));
    return versions;
  }

  private static OffsetDateTime createdAt(BackupBundle.Header header) {
    try {
      return OffsetDateTime.parse(header.createdAt());
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadRequestException("the bundle header's createdAt is not a timestamp");
    }
  }

  private final KeySecrets secrets;
  private final Fingerprints fingerprints;
  private final KeySlots slots;
  private final KeyEvents events;
  private final BackupControls controls;
  private final KeysConfig config;

  KeyBackups(
      KeySecrets secrets,
      Fingerprints fingerprints,
      KeySlots slots,
      KeyEvents events,
      BackupControls controls,
      KeysConfig config) {
    this.secrets = secrets;
    this.fingerprints = fingerprints;
    this.slots = slots;
    this.events = events;
    this.controls = controls;
    this.config = config;
  }

  /** Exports every version the Secret holds (pending, primary, decrypt-only) into one bundle. */
  public Uni<Exported> export(Environment environment, String passphrase, Caller actor) {
    char[] secret = checkedPassphrase(passphrase);
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return held(environment)
        .chain(
            versions ->
                Workers.offload(
                    () -> {
                      Map<String, String> values = secrets.read(environment);
                      List<BackupBundle.Entry> entries = new ArrayList<>();
                      Map<String, List<Integer>> covered = new TreeMap<>();
                      for (KeySlotVersion version : versions) {
                        String value = Slots.valueOf(values, version);
                        if (value != null && fingerprints.of(value).equals(version.fingerprint)) {
                          entries.add(
                              new BackupBundle.Entry(
                                  version.slot, version.version, version.state, value));
                          covered
                              .computeIfAbsent(version.slot, s -> new ArrayList<>())
                              .add(version.version);
                        }
                      }
                      String bundle =
                          BackupBundle.seal(
                              new BackupBundle.Header(
                                  id, environment.name, now.toString(), covered),
                              entries,
                              secret,
                              new BackupBundle.Kdf(
                                  config.backup().argon2MemoryKib(),
                                  config.backup().argon2Iterations(),
                                  config.backup().argon2Parallelism()));
                      return new Exported(record(id, environment, now, actor, covered), bundle);
                    }))
        .call(exported -> exported.backup().persist())
        .call(exported -> emit(environment, exported.backup(), "EXPORTED", actor))
        .call(controls::evaluate);
  }

  /** Decrypts a bundle and checks each version's fingerprint against the recorded one. */
  public Uni<Verification> verify(
      Environment environment, JsonNode bundle, String passphrase, Caller actor) {
    BackupBundle.Header header = headerFor(environment, bundle);
    char[] secret = required(passphrase);
    return Workers.offload(() -> fingerprinted(bundle, secret))
        .chain(
            entries ->
                KeySlotVersion.<KeySlotVersion>list("environmentId", environment.id)
                    .map(recorded -> new Checked(held(entries), mismatches(entries, recorded))))
        .chain(
            checked -> {
              List<String> mismatches = checked.mismatches();
              // Coverage is what the bundle decrypts to, not what its readable header claims.
              Verification verification =
                  new Verification(
                      header.backupId(), mismatches.isEmpty(), checked.versions(), mismatches);
              if (!mismatches.isEmpty()) {
                return Uni.createFrom().item(verification);
              }
              return KeyBackup.<KeyBackup>findById(header.backupId())
                  .map(
                      found ->
                          found != null
                              ? found
                              : record(
                                  header.backupId(),
                                  environment,
                                  createdAt(header),
                                  actor,
                                  checked.versions()))
                  .chain(
                      backup -> {
                        if (!backup.environmentId.equals(environment.id)) {
                          throw new BadRequestException(
                              "the bundle belongs to another environment");
                        }
                        backup.verifiedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        backup.verifiedBy = actor.id();
                        return backup.<KeyBackup>persist();
                      })
                  .call(backup -> emit(environment, backup, "VERIFIED", actor))
                  .call(controls::evaluate)
                  .replaceWith(verification);
            });
  }

  /**
   * Writes a bundle's versions back into the Secret. Refuses (409) to overwrite an entry that holds
   * a different value unless forced.
   */
  public Uni<List<String>> restore(
      Environment environment, JsonNode bundle, String passphrase, boolean force, Caller actor) {
    BackupBundle.Header header = headerFor(environment, bundle);
    char[] secret = required(passphrase);
    return recordedSlots(environment)
        .chain(
            recorded ->
                Workers.offload(
                    () -> {
                      BackupBundle.Opened opened = BackupBundle.open(bundle, secret, limit());
                      refuseUnrecorded(environment, opened.entries(), recorded);
                      return write(environment, opened.entries(), force);
                    }))
        .call(() -> slots.adopt(environment))
        .call(
            () ->
                KeyBackup.<KeyBackup>findById(header.backupId())
                    .chain(
                        backup -> {
                          if (backup == null) {
                            return Uni.createFrom().voidItem();
                          }
                          backup.restoredAt = OffsetDateTime.now(ZoneOffset.UTC);
                          return backup
                              .persist()
                              .chain(() -> emit(environment, backup, "RESTORED", actor));
                        }))
        .call(controls::evaluate);
  }

  private static Uni<Set<String>> recordedSlots(Environment environment) {
    return KeySlotVersion.<KeySlotVersion>list("environmentId", environment.id)
        .map(versions -> versions.stream().map(v -> v.slot).collect(Collectors.toSet()));
  }

  /**
   * A bundle decrypting with the right passphrase is still only trusted for the slots this
   * environment has recorded: a restore must not plant entries under names the platform (or another
   * program sharing the Secret) reads for something else.
   */
  private static void refuseUnrecorded(
      Environment environment, List<BackupBundle.Entry> entries, Set<String> recorded) {
    List<String> foreign =
        entries.stream()
            .map(BackupBundle.Entry::slot)
            .filter(slot -> !recorded.contains(slot))
            .distinct()
            .sorted()
            .toList();
    if (!foreign.isEmpty()) {
      throw new BadRequestException(
          "the bundle holds slots "
              + environment.name
              + " has not recorded: "
              + foreign
              + "; nothing was restored");
    }
  }

  private List<String> write(
      Environment environment, List<BackupBundle.Entry> entries, boolean force) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (BackupBundle.Entry entry : entries) {
      wanted.put(Slots.versionEntry(entry.slot(), entry.version()), entry.value());
      if (KeySlotVersion.State.PRIMARY.name().equals(entry.state())) {
        wanted.put(entry.slot(), entry.value());
      }
    }
    Map<String, String> live = secrets.read(environment);
    List<String> conflicts =
        wanted.keySet().stream()
            .filter(k -> live.containsKey(k) && !live.get(k).equals(wanted.get(k)))
            .sorted()
            .toList();
    if (!conflicts.isEmpty() && !force) {
      throw new ClientErrorException(
          "the Secret holds other values for "
              + conflicts
              + "; restore with force=true to overwrite them",
          Response.Status.CONFLICT);
    }
    secrets.put(environment, wanted);
    return wanted.keySet().stream().sorted().toList();
  }

  /** What a bundle's header may ask for: four times this service's cost, at least 256 MiB. */
  private BackupBundle.Kdf limit() {
    return new BackupBundle.Kdf(
        Math.max(262_144, 4 * config.backup().argon2MemoryKib()),
        Math.max(10, 2 * config.backup().argon2Iterations()),
        Math.max(16, config.backup().argon2Parallelism()));
  }

  private List<Fingerprinted> fingerprinted(JsonNode bundle, char[] passphrase) {
    return BackupBundle.open(bundle, passphrase, limit()).entries().stream()
        .map(e -> new Fingerprinted(e.slot(), e.version(), fingerprints.of(e.value())))
        .toList();
  }

  private static List<String> mismatches(
      List<Fingerprinted> entries, List<KeySlotVersion> recorded) {
    List<String> mismatches = new ArrayList<>();
    for (Fingerprinted entry : entries) {
      KeySlotVersion live =
          recorded.stream()
              .filter(v -> v.slot.equals(entry.slot()) && v.version == entry.version())
              .findFirst()
              .orElse(null);
      if (live == null) {
        mismatches.add(entry.slot() + " v" + entry.version() + " is not a version Vigil knows");
      } else if (!live.fingerprint.equals(entry.fingerprint())) {
        mismatches.add(entry.slot() + " v" + entry.version() + " does not match the live version");
      }
    }
    if (entries.isEmpty()) {
      mismatches.add("the bundle holds no key version");
    }
    return mismatches;
  }

  private static Uni<List<KeySlotVersion>> held(Environment environment) {
    return KeySlotVersion.list(
        "environmentId = ?1 and state in ?2 order by slot, version",
        environment.id,
        List.of(
            KeySlotVersion.State.PENDING.name(),
            KeySlotVersion.State.PRIMARY.name(),
            KeySlotVersion.State.DECRYPT_ONLY.name()));
  }

  private static KeyBackup record(
      UUID id,
      Environment environment,
      OffsetDateTime createdAt,
      Caller actor,
      Map<String, List<Integer>> versions) {
    KeyBackup backup = new KeyBackup();
    backup.id = id;
    backup.environmentId = environment.id;
    backup.createdAt = createdAt;
    backup.createdBy = actor.id();
    try {
      backup.versions = JSON.writeValueAsString(new TreeMap<>(versions));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return backup;
  }

  private Uni<Void> emit(Environment environment, KeyBackup backup, String change, Caller actor) {
    Map<String, Integer> covers = new TreeMap<>();
    BackupControls.versions(backup)
        .forEach((slot, list) -> covers.put(slot, list.stream().max(Integer::compare).orElse(0)));
    return events.emit(
        environment.name,
        new KeyBackupRecorded(
            backup.id,
            environment.name,
            change,
            covers,
            actor.id(),
            actor.azp(),
            actor.tenant(),
            OffsetDateTime.now(ZoneOffset.UTC)));
  }

  private static BackupBundle.Header headerFor(Environment environment, JsonNode bundle) {
    BackupBundle.Header header = BackupBundle.header(bundle);
    if (!environment.name.equals(header.environment())) {
      throw new BadRequestException(
          "the bundle is of environment " + header.environment() + ", not " + environment.name);
    }
    return header;
  }

  private char[] checkedPassphrase(String passphrase) {
    char[] secret = required(passphrase);
    if (secret.length < config.backup().minPassphraseLength()) {
      throw new BadRequestException(
          "the passphrase must have at least "
              + config.backup().minPassphraseLength()
              + " characters");
    }
    return secret;
  }

  private static char[] required(String passphrase) {
    if (passphrase == null || passphrase.isEmpty()) {
      throw new BadRequestException("passphrase is required");
    }
    return passphrase.toCharArray();
  }
}
