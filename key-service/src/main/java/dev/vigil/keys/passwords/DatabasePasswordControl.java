package dev.vigil.keys.passwords;

import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.compliance.RequestedEvaluation;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.common.jobs.Workers;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.environments.EnvironmentCreated;
import dev.vigil.keys.slots.KeySecrets;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
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

/**
 * DB-01: each environment's database password, read from its Secret, is long, varied and not a
 * known default. The password is read on a worker thread, checked and dropped: never stored, logged
 * or put in evidence.
 */
@ApplicationScoped
public class DatabasePasswordControl implements RequestedEvaluation {

  static final String CONTROL = "DB-01";

  private final KeySecrets secrets;
  private final ComplianceReporter reporter;
  private final KeysConfig config;

  DatabasePasswordControl(KeySecrets secrets, ComplianceReporter reporter, KeysConfig config) {
    this.secrets = secrets;
    this.reporter = reporter;
    this.config = config;
  }

  @Scheduled(
      identity = "database-passwords",
      every = "${vigil.keys.evaluation-interval:10m}",
      delayed = "40s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return Panache.withTransaction(this::evaluate);
  }

  /** Checks every environment that names its database Secret and reports DB-01. */
  /** A new environment is judged in the transaction that registers it. */
  void onCreated(@Observes @Priority(ChainedEvent.EVALUATIONS) EnvironmentCreated created) {
    created.then(this::evaluate);
  }

  public Uni<Void> evaluate() {
    return Environment.<Environment>list("databaseSecret is not null order by name")
        .chain(environments -> Workers.offload(() -> findings(environments)))
        .chain(findings -> reporter.reportIfChanged(evaluation(findings)))
        .replaceWithVoid();
  }

  private Map<String, String> findings(List<Environment> environments) {
    Map<String, String> findings = new LinkedHashMap<>();
    for (Environment e : environments) {
      String where =
          e.name + " (" + e.namespace + "/" + e.databaseSecret + ":" + e.databaseSecretKey + ")";
      try {
        String password = secrets.read(e, e.databaseSecret).get(e.databaseSecretKey);
        findings.put(where, password == null ? "not found" : PasswordStrength.weakness(password));
      } catch (KubernetesClientException unreachable) {
        findings.put(where, "unreadable (HTTP " + unreachable.getCode() + ")");
      }
    }
    return findings;
  }

  private ControlEvaluation evaluation(Map<String, String> findings) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<String> weak = new ArrayList<>();
    findings.forEach(
        (where, weakness) -> {
          if (weakness != null) {
            weak.add(where + ": " + weakness);
          }
        });
    ControlStatus status;
    String summary;
    if (findings.isEmpty()) {
      status = ControlStatus.UNKNOWN;
      summary = "No environment names the Secret of its database password";
    } else if (weak.isEmpty()) {
      status = ControlStatus.PASS;
      summary = "The database password of all " + findings.size() + " environments is strong";
    } else {
      status = ControlStatus.FAIL;
      summary =
          weak.size() + " of " + findings.size() + " database passwords are weak or unreadable";
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("environments", findings.size());
    facts.put("weak", weak);
    facts.put("minimumLength", PasswordStrength.MIN_LENGTH);
    facts.put("minimumEntropyBits", PasswordStrength.MIN_BITS);
    return new ControlEvaluation(
        CONTROL,
        status,
        now,
        now.plus(config.validity()),
        "key-service",
        new Evidence(summary, facts, List.of("/api/v1/keys/environments")));
  }

  /** Asked for by an evaluation request: evaluates and reports as on schedule. */
  @Override
  public Uni<Void> reevaluate(EvaluationRequested request) {
    return evaluate();
  }
}
