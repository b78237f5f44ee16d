package dev.vigil.keys.reuse;

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
import dev.vigil.keys.slots.KeySlots;
import dev.vigil.keys.slots.KeyVersionsChanged;
import dev.vigil.keys.slots.KeyVersionsChanged.Change;
import dev.vigil.keys.slots.Slots;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * KEY-01..03: each environment has its slot, the value is a proper key, and no key is used in two
 * environments or two slots (any version). Evidence names environments, slots and versions, never
 * values or fingerprints. Evaluated on every change and on a schedule, which first re-reads every
 * environment's Secret.
 */
@ApplicationScoped
public class KeyUniquenessControls implements RequestedEvaluation {

  private final ComplianceReporter reporter;
  private final KeySlots slots;
  private final KeysConfig config;

  KeyUniquenessControls(ComplianceReporter reporter, KeySlots slots, KeysConfig config) {
    this.reporter = reporter;
    this.slots = slots;
    this.config = config;
  }

  @Scheduled(
      identity = "key-uniqueness",
      every = "${vigil.keys.evaluation-interval:10m}",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return Panache.withTransaction(
        () ->
            Environment.<Environment>listAll()
                .chain(
                    environments ->
                        Multi.createFrom()
                            .iterable(environments)
                            .onItem()
                            .transformToUniAndConcatenate(slots::refresh)
                            .collect()
                            .last())
                .chain(this::evaluate));
  }

  /** Recorded and promoted versions can repeat a key: judged in their transaction. */
  void onVersionsChanged(
      // After the rotation control, as when rotations called the controls in turn.
      @Observes @Priority(ChainedEvent.EVALUATIONS + 1) KeyVersionsChanged changed) {
    if (changed.is(Change.RECORDED, Change.PROMOTED)) {
      changed.then(this::evaluate);
    }
  }

  /** Evaluates and reports KEY-01..03; needs a transaction. */
  public Uni<Void> evaluate() {
    return Environment.<Environment>listAll()
        .chain(
            environments ->
                KeySlotVersion.<KeySlotVersion>listAll()
                    .map(versions -> evaluations(environments, versions)))
        .chain(reporter::reportAllIfChanged);
  }

  private List<ControlEvaluation> evaluations(
      List<Environment> environments, List<KeySlotVersion> versions) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Map<Long, String> names =
        environments.stream().collect(Collectors.toMap(e -> e.id, e -> e.name));
    Map<String, List<KeySlotVersion>> byFingerprint =
        versions.stream().collect(Collectors.groupingBy(v -> v.fingerprint));
    List<ControlEvaluation> evaluations = new ArrayList<>();
    for (String slot : Slots.STANDARD) {
      List<String> problems = new ArrayList<>();
      List<String> reuse = new ArrayList<>();
      for (Environment environment : environments) {
        if (environment.observationError != null) {
          problems.add(environment.name + ": " + environment.observationError);
          continue;
        }
        KeySlotVersion latest =
            versions.stream()
                .filter(
                    v ->
                        v.environmentId.equals(environment.id)
                            && v.slot.equals(slot)
                            && v.is(KeySlotVersion.State.PRIMARY))
                .findFirst()
                .orElse(null);
        // Judged by the last reading of the Secret: a slot deleted since is missing.
        if (latest == null || !observed(environment).contains(slot)) {
          problems.add(environment.name + ": " + slot + " is missing");
          continue;
        }
        if (latest.weakness != null) {
          problems.add(label(names, latest) + " is " + latest.weakness);
        }
        List<KeySlotVersion> same =
            byFingerprint.getOrDefault(latest.fingerprint, List.of()).stream()
                .filter(v -> !v.environmentId.equals(latest.environmentId) || !v.slot.equals(slot))
                .toList();
        if (!same.isEmpty()) {
          reuse.add(
              label(names, latest)
                  + " is also "
                  + same.stream().map(v -> label(names, v)).collect(Collectors.joining(", ")));
        }
      }
      evaluations.add(evaluation(slot, environments.size(), problems, reuse, now));
    }
    return evaluations;
  }

  private ControlEvaluation evaluation(
      String slot,
      int environments,
      List<String> problems,
      List<String> reuse,
      OffsetDateTime now) {
    ControlStatus status;
    String summary;
    if (environments == 0) {
      status = ControlStatus.UNKNOWN;
      summary = "No environment is registered with key-service";
    } else if (!problems.isEmpty() || !reuse.isEmpty()) {
      status = ControlStatus.FAIL;
      summary =
          slot
              + ": "
              + (reuse.isEmpty() ? "" : reuse.size() + " reused; ")
              + problems.size()
              + " missing or weak";
    } else {
      status = ControlStatus.PASS;
      summary = slot + " is a unique, well-formed key in all " + environments + " environments";
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("slot", slot);
    facts.put("environments", environments);
    facts.put("reused", reuse);
    facts.put("problems", problems);
    return new ControlEvaluation(
        Slots.CONTROL.get(slot),
        status,
        now,
        now.plus(config.validity()),
        "key-service",
        new Evidence(summary, facts, List.of("/api/v1/keys/environments")));
  }

  private static List<String> observed(Environment environment) {
    return environment.observedSlots == null
        ? List.of()
        : List.of(environment.observedSlots.split(","));
  }

  private static String label(Map<Long, String> names, KeySlotVersion v) {
    return names.get(v.environmentId) + "/" + v.slot + " v" + v.version;
  }

  /** Asked for by an evaluation request: evaluates and reports as on schedule. */
  @Override
  public Uni<Void> reevaluate(EvaluationRequested request) {
    return evaluate();
  }
}
