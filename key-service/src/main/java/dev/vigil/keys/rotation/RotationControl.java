package dev.vigil.keys.rotation;

import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.compliance.RequestedEvaluation;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.reencryption.ReencryptionFinished;
import dev.vigil.keys.reencryption.ReencryptionJob;
import dev.vigil.keys.slots.KeySlotVersion;
import dev.vigil.keys.slots.KeyVersionsChanged;
import dev.vigil.keys.slots.KeyVersionsChanged.Change;
import dev.vigil.keys.slots.SlotPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MNT-03: every slot's primary version is younger than its rotation period, and the vault holds no
 * credential under an older version (rotation plus a completed re-encryption). WARN within the
 * warning window before a rotation is due and while re-encryption runs; FAIL when overdue, when
 * re-encryption failed, or when a compromised version still protects a credential.
 */
@ApplicationScoped
public class RotationControl implements RequestedEvaluation {

  private static final String USAGE =
      "SELECT environment_id, slot, key_version, count(*) FROM stored_credential"
          + " GROUP BY environment_id, slot, key_version";

  private final ComplianceReporter reporter;
  private final KeysConfig config;

  RotationControl(ComplianceReporter reporter, KeysConfig config) {
    this.reporter = reporter;
    this.config = config;
  }

  @Scheduled(
      identity = "rotation-control",
      every = "${vigil.keys.evaluation-interval:10m}",
      delayed = "35s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return Panache.withTransaction(this::evaluate);
  }

  /** Evaluates and reports MNT-03; needs a transaction. */
  /** Promotions and retirements change MNT-03's evidence: judged in their transaction. */
  void onVersionsChanged(@Observes @Priority(ChainedEvent.EVALUATIONS) KeyVersionsChanged changed) {
    if (changed.is(Change.PROMOTED, Change.RETIRED)) {
      changed.then(this::evaluate);
    }
  }

  /** A finished (or failed) re-encryption settles a rotation. */
  void onReencryptionFinished(
      @Observes @Priority(ChainedEvent.EVALUATIONS) ReencryptionFinished finished) {
    finished.then(this::evaluate);
  }

  public Uni<Void> evaluate() {
    return Environment.<Environment>listAll()
        .chain(
            environments ->
                KeySlotVersion.<KeySlotVersion>listAll()
                    .chain(
                        versions ->
                            SlotPolicy.<SlotPolicy>listAll()
                                .chain(
                                    policies ->
                                        ReencryptionJob.<ReencryptionJob>list(
                                                "state in ?1",
                                                List.of(
                                                    ReencryptionJob.State.RUNNING.name(),
                                                    ReencryptionJob.State.FAILED.name()))
                                            .chain(
                                                jobs ->
                                                    usage()
                                                        .map(
                                                            usage ->
                                                                evaluation(
                                                                    environments,
                                                                    versions,
                                                                    policies,
                                                                    jobs,
                                                                    usage))))))
        .chain(reporter::reportIfChanged)
        .replaceWithVoid();
  }

  private ControlEvaluation evaluation(
      List<Environment> environments,
      List<KeySlotVersion> versions,
      List<SlotPolicy> policies,
      List<ReencryptionJob> jobs,
      List<Object[]> usage) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Map<Long, String> names =
        environments.stream().collect(Collectors.toMap(e -> e.id, e -> e.name));
    List<String> failures = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int slots = 0;
    for (KeySlotVersion primary :
        versions.stream().filter(v -> v.is(KeySlotVersion.State.PRIMARY)).toList()) {
      slots++;
      String label = names.get(primary.environmentId) + "/" + primary.slot;
      int period =
          policies.stream()
              .filter(
                  p -> p.environmentId.equals(primary.environmentId) && p.slot.equals(primary.slot))
              .mapToInt(p -> p.rotationPeriodDays)
              .findFirst()
              .orElse(SlotPolicy.DEFAULT_ROTATION_DAYS);
      OffsetDateTime since = primary.promotedAt == null ? primary.observedAt : primary.promotedAt;
      OffsetDateTime due = since.plusDays(period);
      long daysLeft = Duration.between(now, due).toDays();
      if (now.isAfter(due)) {
        failures.add(
            label + " v" + primary.version + " is overdue for rotation since " + due.toLocalDate());
      } else if (daysLeft < config.rotation().warnDaysBeforeDue()) {
        warnings.add(label + " rotation is due in " + daysLeft + " days");
      }
      long older = 0;
      long compromised = 0;
      for (Object[] row : usage) {
        if (((Number) row[0]).longValue() == primary.environmentId
            && primary.slot.equals(row[1])
            && ((Number) row[2]).intValue() < primary.version) {
          int version = ((Number) row[2]).intValue();
          long count = ((Number) row[3]).longValue();
          older += count;
          boolean isCompromised =
              versions.stream()
                  .anyMatch(
                      v ->
                          v.environmentId.equals(primary.environmentId)
                              && v.slot.equals(primary.slot)
                              && v.version == version
                              && v.compromisedAt != null);
          if (isCompromised) {
            compromised += count;
          }
        }
      }
      ReencryptionJob job =
          jobs.stream()
              .filter(
                  j -> j.environmentId.equals(primary.environmentId) && j.slot.equals(primary.slot))
              .reduce((a, b) -> a.id > b.id ? a : b)
              .orElse(null);
      if (compromised > 0) {
        failures.add(label + ": " + compromised + " credentials still under a compromised version");
      } else if (job != null
          && ReencryptionJob.State.FAILED.name().equals(job.state)
          && older > 0) {
        failures.add(label + ": re-encryption to v" + job.targetVersion + " failed: " + job.error);
      } else if (older > 0 && job != null && job.running()) {
        warnings.add(
            label
                + ": re-encryption to v"
                + job.targetVersion
                + " running, "
                + job.done
                + "/"
                + job.total);
      } else if (older > 0) {
        failures.add(
            label
                + ": "
                + older
                + " credentials still under versions older than v"
                + primary.version);
      }
    }
    ControlStatus status;
    String summary;
    if (environments.isEmpty() || slots == 0) {
      status = ControlStatus.UNKNOWN;
      summary = "No key slot is recorded yet";
    } else if (!failures.isEmpty()) {
      status = ControlStatus.FAIL;
      summary = failures.size() + " of " + slots + " slots not rotated or not re-encrypted";
    } else if (!warnings.isEmpty()) {
      status = ControlStatus.WARN;
      summary = warnings.size() + " of " + slots + " slots due soon or re-encrypting";
    } else {
      status = ControlStatus.PASS;
      summary = "All " + slots + " slots are within their rotation period and fully re-encrypted";
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("slots", slots);
    facts.put("failures", failures);
    facts.put("warnings", warnings);
    return new ControlEvaluation(
        "MNT-03",
        status,
        now,
        now.plus(config.validity()),
        "key-service",
        new Evidence(summary, facts, List.of("/api/v1/keys/environments")));
  }

  private static Uni<List<Object[]>> usage() {
    return Panache.getSession()
        .chain(session -> session.createNativeQuery(USAGE, Object[].class).getResultList());
  }

  /** Asked for by an evaluation request: evaluates and reports as on schedule. */
  @Override
  public Uni<Void> reevaluate(EvaluationRequested request) {
    return evaluate();
  }
}
