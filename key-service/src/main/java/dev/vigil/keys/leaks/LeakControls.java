package dev.vigil.keys.leaks;

import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.compliance.RequestedEvaluation;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.keys.KeysConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * KEY-05 (no key version in any commit) and ENV-01 (no committed .env file or literal slot
 * assignment) from the open findings of the registered repositories. A repository whose last scan
 * failed or that was never scanned makes the control WARN: nothing found is not proof there.
 */
@ApplicationScoped
public class LeakControls implements RequestedEvaluation {

  private static final int LISTED = 20;

  private final ComplianceReporter reporter;
  private final KeysConfig config;

  LeakControls(ComplianceReporter reporter, KeysConfig config) {
    this.reporter = reporter;
    this.config = config;
  }

  @Scheduled(
      identity = "leak-controls",
      every = "${vigil.keys.evaluation-interval:10m}",
      delayed = "45s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return Panache.withTransaction(this::evaluate);
  }

  /** Evaluates and reports both controls; needs a transaction. */
  public Uni<Void> evaluate() {
    return LeakRepository.<LeakRepository>listAll()
        .chain(
            repositories ->
                LeakFinding.<LeakFinding>list("resolvedAt is null order by id")
                    .map(
                        open ->
                            List.of(
                                evaluation("KEY-05", repositories, open),
                                evaluation("ENV-01", repositories, open))))
        .chain(reporter::reportAllIfChanged);
  }

  private ControlEvaluation evaluation(
      String control, List<LeakRepository> repositories, List<LeakFinding> open) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Map<Long, String> names =
        repositories.stream().collect(Collectors.toMap(r -> r.id, r -> r.name));
    List<String> findings =
        open.stream()
            .filter(f -> f.control().equals(control))
            .map(f -> describe(f, names.get(f.repositoryId)))
            .toList();
    List<String> unscanned = new ArrayList<>();
    long commits = 0;
    for (LeakRepository repository : repositories) {
      if (repository.lastScanError != null) {
        unscanned.add(repository.name + ": last scan failed: " + repository.lastScanError);
      } else if (repository.lastScanCommits == null) {
        unscanned.add(repository.name + ": not scanned yet");
      } else {
        commits += repository.lastScanCommits;
      }
    }
    ControlStatus status;
    String summary;
    if (repositories.isEmpty()) {
      status = ControlStatus.UNKNOWN;
      summary = "No repository is registered for leak scanning";
    } else if (!findings.isEmpty()) {
      status = ControlStatus.FAIL;
      summary = findings.size() + " open findings, first: " + findings.get(0);
    } else if (!unscanned.isEmpty()) {
      status = ControlStatus.WARN;
      summary = unscanned.get(0);
    } else {
      status = ControlStatus.PASS;
      summary =
          "Nothing found in " + repositories.size() + " repositories (" + commits + " commits)";
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("repositories", repositories.size());
    facts.put("commitsScanned", commits);
    facts.put("openFindings", findings.size());
    facts.put("findings", findings.subList(0, Math.min(LISTED, findings.size())));
    facts.put("notScanned", unscanned);
    return new ControlEvaluation(
        control,
        status,
        now,
        now.plus(config.validity()),
        "key-service",
        new Evidence(summary, facts, List.of("/api/v1/keys/leak-scan/findings")));
  }

  private static String describe(LeakFinding f, String repository) {
    String where = repository + "@" + f.commitId.substring(0, 12) + " " + f.path;
    String what =
        switch (f.kind) {
          case "KEY_VERSION" -> ": " + f.environment + "/" + f.slot + " v" + f.version;
          case "ENV_FILE" -> ": committed .env file";
          default -> ": literal secret assignment";
        };
    return where + (f.line > 0 ? ":" + f.line : "") + what;
  }

  /** Asked for by an evaluation request: evaluates and reports as on schedule. */
  @Override
  public Uni<Void> reevaluate(EvaluationRequested request) {
    return evaluate();
  }
}
