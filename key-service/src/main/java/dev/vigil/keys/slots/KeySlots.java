package dev.vigil.keys.slots;

import dev.vigil.common.jobs.Workers;
import dev.vigil.keys.environments.Environment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates missing key slots into an environment's Secret and records what each slot holds as a
 * fingerprint. A slot that already has a value is adopted, never overwritten. Key values exist only
 * on the worker thread that reads or writes the Secret.
 */
@ApplicationScoped
public class KeySlots {

  /** What was observed of one slot, without its value. */
  record Observed(String slot, String fingerprint, String weakness, KeySlotVersion.Origin origin) {}

  private final KeySecrets secrets;
  private final Fingerprints fingerprints;

  KeySlots(KeySecrets secrets, Fingerprints fingerprints) {
    this.secrets = secrets;
    this.fingerprints = fingerprints;
  }

  /** Generates the standard slots the Secret lacks, then records every slot. Needs a session. */
  public Uni<List<KeySlotVersion>> generate(Environment environment) {
    return Workers.offload(() -> observe(environment, true)).chain(o -> record(environment, o));
  }

  /** Records the slots the Secret already has (a running deployment), changing nothing there. */
  public Uni<List<KeySlotVersion>> adopt(Environment environment) {
    return Workers.offload(() -> observe(environment, false)).chain(o -> record(environment, o));
  }

  /** What the Secret holds after generating what was missing (read back, not assumed). */
  /**
   * Reads the Secret again for the scheduled evaluation; a Secret that cannot be read is recorded
   * as such (the controls then fail for it) instead of failing the whole run.
   */
  public Uni<List<KeySlotVersion>> refresh(Environment environment) {
    return adopt(environment)
        .onFailure(KubernetesClientException.class)
        .recoverWithItem(
            failure -> {
              environment.observationError =
                  "Secret unreadable (HTTP "
                      + ((KubernetesClientException) failure).getCode()
                      + ")";
              environment.observedAt = OffsetDateTime.now(ZoneOffset.UTC);
              return List.of();
            });
  }

  private List<Observed> observe(Environment environment, boolean generateMissing) {
    Map<String, String> values = secrets.read(environment);
    Map<String, String> generated = new LinkedHashMap<>();
    if (generateMissing) {
      for (String slot : Slots.STANDARD) {
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
    for (Map.Entry<String, String> slot : values.entrySet()) {
      String value = slot.getValue();
      boolean ours = value.equals(generated.get(slot.getKey()));
      observed.add(
          new Observed(
              slot.getKey(),
              fingerprints.of(value),
              KeyMaterial.weakness(value),
              ours ? KeySlotVersion.Origin.GENERATED : KeySlotVersion.Origin.ADOPTED));
    }
    return observed;
  }

  /** A new version for each slot whose fingerprint differs from its latest recorded version. */
  private Uni<List<KeySlotVersion>> record(Environment environment, List<Observed> observed) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    environment.observedSlots =
        String.join(",", observed.stream().map(Observed::slot).sorted().toList());
    environment.observedAt = now;
    environment.observationError = null;
    return Multi.createFrom()
        .iterable(observed)
        .onItem()
        .transformToUniAndConcatenate(
            o ->
                KeySlotVersion.<KeySlotVersion>find(
                        "environmentId = ?1 and slot = ?2 order by version desc",
                        environment.id,
                        o.slot())
                    .firstResult()
                    .chain(
                        latest -> {
                          if (latest != null && latest.fingerprint.equals(o.fingerprint())) {
                            return Uni.createFrom().item(latest);
                          }
                          KeySlotVersion version = new KeySlotVersion();
                          version.environmentId = environment.id;
                          version.slot = o.slot();
                          version.version = latest == null ? 1 : latest.version + 1;
                          version.fingerprint = o.fingerprint();
                          version.weakness = o.weakness();
                          version.origin = o.origin().name();
                          version.observedAt = now;
                          return version.<KeySlotVersion>persist();
                        }))
        .collect()
        .asList();
  }
}
