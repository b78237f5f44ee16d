package dev.vigil.keys.backups;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.compliance.RequestedEvaluation;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.KeySlotVersion;
import dev.vigil.keys.slots.KeyVersionsChanged;
import dev.vigil.keys.slots.KeyVersionsChanged.Change;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * KEY-04, BKV-04, ENV-04 and ENV-05 from the backup records: the newest verified bundle of each
 * environment must hold every version the Secret holds (so any rotation without a newer verified
 * export fails them), and the operator must attest where the offline copy is kept (KEY-04) and that
 * it is apart from the database backups (ENV-04). Evidence names slots and versions only.
 */
@ApplicationScoped
public class BackupControls implements RequestedEvaluation {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One environment's backup state. */
  record Coverage(
      String environment,
      KeyBackup latestVerified,
      List<String> uncovered,
      BackupAttestation attestation) {}

  private final ComplianceReporter reporter;
  private final KeysConfig config;

  BackupControls(ComplianceReporter reporter, KeysConfig config) {
    this.reporter = reporter;
    this.config = config;
  }

  @Scheduled(
      identity = "key-backup-controls",
      every = "${vigil.keys.evaluation-interval:10m}",
      delayed = "40s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return Panache.withTransaction(this::evaluate);
  }

  /** Evaluates and reports the four controls; needs a transaction. */
  /** Added and promoted versions need a backup: judged in their transaction. */
  void onVersionsChanged(
      // After the rotation and uniqueness controls, as when rotations called them in turn.
      @Observes @Priority(ChainedEvent.EVALUATIONS + 2) KeyVersionsChanged changed) {
    if (changed.is(Change.ADDED, Change.PROMOTED)) {
      changed.then(this::evaluate);
    }
  }

  public Uni<Void> evaluate() {
    return coverage().map(this::evaluations).chain(reporter::reportAllIfChanged);
  }

  /** Each environment's coverage by its newest verified backup; needs a session. */
  public Uni<List<Coverage>> coverage() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return Environment.<Environment>list("order by name")
        .chain(
            environments ->
                KeySlotVersion.<KeySlotVersion>list(
                        "state in ?1",
                        List.of(
                            KeySlotVersion.State.PENDING.name(),
                            KeySlotVersion.State.PRIMARY.name(),
                            KeySlotVersion.State.DECRYPT_ONLY.name()))
                    .chain(
                        held ->
                            KeyBackup.<KeyBackup>list("verifiedAt is not null")
                                .chain(
                                    backups ->
                                        BackupAttestation.<BackupAttestation>list(
                                                "expiresAt > ?1", now)
                                            .map(
                                                attestations ->
                                                    environments.stream()
                                                        .map(
                                                            e ->
                                                                coverage(
                                                                    e, held, backups, attestations))
                                                        .toList()))));
  }

  private static Coverage coverage(
      Environment environment,
      List<KeySlotVersion> held,
      List<KeyBackup> backups,
      List<BackupAttestation> attestations) {
    KeyBackup latest =
        backups.stream()
            .filter(b -> b.environmentId.equals(environment.id))
            .max(Comparator.comparing(b -> b.createdAt))
            .orElse(null);
    Map<String, List<Integer>> covered = latest == null ? Map.of() : versions(latest);
    Map<String, Integer> newestHeld = new TreeMap<>();
    List<String> uncovered = new ArrayList<>();
    for (KeySlotVersion version : held) {
      if (!version.environmentId.equals(environment.id)) {
        continue;
      }
      newestHeld.merge(version.slot, version.version, Math::max);
      if (!covered.getOrDefault(version.slot, List.of()).contains(version.version)) {
        uncovered.add(version.slot + " v" + version.version);
      }
    }
    List<String> described = new ArrayList<>();
    for (Map.Entry<String, Integer> slot : newestHeld.entrySet()) {
      List<Integer> inBackup = covered.getOrDefault(slot.getKey(), List.of());
      if (uncovered.stream().anyMatch(u -> u.startsWith(slot.getKey() + " v"))) {
        described.add(
            environment.name
                + "/"
                + slot.getKey()
                + ": backup covers "
                + (inBackup.isEmpty()
                    ? "nothing"
                    : "through v" + inBackup.stream().max(Integer::compare).orElseThrow())
                + ", current is v"
                + slot.getValue());
      }
    }
    BackupAttestation attestation =
        attestations.stream()
            .filter(a -> a.environmentId.equals(environment.id))
            .max(Comparator.comparing(a -> a.attestedAt))
            .orElse(null);
    return new Coverage(environment.name, latest, described, attestation);
  }

  private List<ControlEvaluation> evaluations(List<Coverage> coverage) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<String> stale = new ArrayList<>();
    List<String> unattested = new ArrayList<>();
    List<String> notSeparate = new ArrayList<>();
    for (Coverage c : coverage) {
      if (c.latestVerified() == null) {
        stale.add(c.environment() + ": no verified key backup");
      } else {
        stale.addAll(c.uncovered());
      }
      if (c.attestation() == null) {
        unattested.add(
            c.environment() + ": offline location not attested (or attestation expired)");
      } else if (!c.attestation().separateFromDatabaseBackups) {
        notSeparate.add(
            c.environment() + ": the attested location is not apart from database backups");
      }
    }
    List<String> env04 = new ArrayList<>(unattested);
    env04.addAll(notSeparate);
    return List.of(
        evaluation(
            "KEY-04",
            coverage.size(),
            stale,
            unattested,
            "every key version is in a verified backup whose offline location is attested",
            now),
        evaluation(
            "BKV-04",
            coverage.size(),
            stale,
            List.of(),
            "every key version is in a verified (decryptable, fingerprint-matched) backup",
            now),
        evaluation(
            "ENV-04",
            coverage.size(),
            coverage.stream()
                .filter(c -> c.latestVerified() == null)
                .map(c -> c.environment() + ": no verified key backup")
                .toList(),
            env04,
            "a verified key backup is attested as kept apart from database backups",
            now),
        evaluation(
            "ENV-05",
            coverage.size(),
            stale,
            List.of(),
            "the key backup was renewed and verified after the latest rotation",
            now));
  }

  private ControlEvaluation evaluation(
      String control,
      int environments,
      List<String> failures,
      List<String> warnings,
      String passing,
      OffsetDateTime now) {
    ControlStatus status;
    String summary;
    if (environments == 0) {
      status = ControlStatus.UNKNOWN;
      summary = "No environment is registered with key-service";
    } else if (!failures.isEmpty()) {
      status = ControlStatus.FAIL;
      summary =
          failures.get(0) + (failures.size() > 1 ? " (+" + (failures.size() - 1) + " more)" : "");
    } else if (!warnings.isEmpty()) {
      status = ControlStatus.WARN;
      summary =
          warnings.get(0) + (warnings.size() > 1 ? " (+" + (warnings.size() - 1) + " more)" : "");
    } else {
      status = ControlStatus.PASS;
      summary = "In all " + environments + " environments " + passing;
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("environments", environments);
    facts.put("failures", failures);
    facts.put("warnings", warnings);
    return new ControlEvaluation(
        control,
        status,
        now,
        now.plus(config.validity()),
        "key-service",
        new Evidence(summary, facts, List.of("/api/v1/keys/environments")));
  }

  /** The slot versions a backup record holds. */
  static Map<String, List<Integer>> versions(KeyBackup backup) {
    try {
      return JSON.readValue(
          backup.versions, new TypeReference<TreeMap<String, List<Integer>>>() {});
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable backup record " + backup.id, e);
    }
  }

  /** Asked for by an evaluation request: evaluates and reports as on schedule. */
  @Override
  public Uni<Void> reevaluate(EvaluationRequested request) {
    return evaluate();
  }
}
