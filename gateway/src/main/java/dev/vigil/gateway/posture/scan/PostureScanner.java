package dev.vigil.gateway.posture.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.gateway.checklist.OwnControlEvaluator;
import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.PostureRules;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import dev.vigil.gateway.posture.rules.IngressTlsRule;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs the posture rules over the configured namespaces on a schedule and on demand, keeps each
 * scan, and reports one evaluation per posture control (CON-01..04, MNT-01, DB-02, NET-01..03,
 * ENV-02, ENV-03). A cluster that cannot be read makes every posture control UNKNOWN.
 */
@ApplicationScoped
public class PostureScanner implements OwnControlEvaluator {

  static final long LOCK_KEY = 0x7669_6769_6c50_4f53L; // "vigilPOS"
  static final int FINDINGS_IN_EVIDENCE = 25;
  private static final Logger LOG = Logger.getLogger(PostureScanner.class);
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final PostureConfig config;
  private final ClusterReader cluster;
  private final ComplianceReporter reporter;
  private final HttpsProbe probe;
  private final CertificateExpiryMetric certificates;

  PostureScanner(
      PostureConfig config,
      ClusterReader cluster,
      ComplianceReporter reporter,
      CertificateExpiryMetric certificates) {
    this.config = config;
    this.cluster = cluster;
    this.reporter = reporter;
    this.certificates = certificates;
    this.probe = new HttpsProbe(config.httpsProbe());
  }

  @Scheduled(
      identity = "posture-scan",
      every = "${vigil.posture.interval:15m}",
      delayed = "${vigil.posture.initial-delay:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledScan() throws Throwable {
    if (config.enabled()) {
      scanAndStore("scheduled", config.namespaces());
    }
  }

  @Override
  public List<ControlEvaluation> evaluateNow() {
    if (!config.enabled()) {
      return List.of();
    }
    return evaluations(scanAndStore("re-evaluation", config.namespaces()));
  }

  /**
   * Scans, stores the scan and, when the namespaces are the configured ones, reports the results.
   * Blocks: call from a worker thread.
   */
  public PostureScan scanAndStore(String trigger, List<String> namespaces) {
    PostureScan scan = scan(trigger, namespaces);
    try {
      VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> store(scan)));
      if (scan.reported() && !"re-evaluation".equals(trigger)) {
        // Replicas scan alike; the lock keeps two of them from reporting the same change at once.
        VertxContextSupport.subscribeAndAwait(
            () ->
                SingleReplica.inTransaction(
                    LOCK_KEY,
                    session -> reporter.reportAllIfChanged(evaluations(scan)),
                    () -> null));
      }
    } catch (Throwable e) {
      throw new IllegalStateException("could not store posture scan " + scan.id(), e);
    }
    return scan;
  }

  PostureScan scan(String trigger, List<String> namespaces) {
    OffsetDateTime started = now();
    boolean reported = Set.copyOf(namespaces).equals(Set.copyOf(config.namespaces()));
    List<RuleResult> results;
    Map<String, Object> probeFacts = Map.of();
    int objects;
    try {
      ClusterSnapshot snapshot = cluster.read(namespaces);
      objects = snapshot.objectCount();
      results = new ArrayList<>(PostureRules.evaluate(snapshot, settings(), started.toInstant()));
      if (reported) {
        certificates.observed(
            IngressTlsRule.earliestExpiry(snapshot, settings(), started.toInstant()));
      }
      HttpsProbe.Outcome outcome = probe.probe();
      probeFacts = outcome.facts();
      results.add(
          new RuleResult(
              HttpsProbe.CONTROL,
              outcome.status(),
              outcome.facts().isEmpty() ? 0 : 1,
              List.of(),
              outcome.summary()));
    } catch (KubernetesClientException e) {
      LOG.warnf("Posture scan of %s could not read the cluster: HTTP %d", namespaces, e.getCode());
      objects = 0;
      results = unreadable("HTTP " + e.getCode());
      if (config.httpsProbe().url().isPresent()) {
        HttpsProbe.Outcome outcome = probe.probe();
        probeFacts = outcome.facts();
        results.removeIf(r -> HttpsProbe.CONTROL.equals(r.control()));
        results.add(
            new RuleResult(HttpsProbe.CONTROL, outcome.status(), 1, List.of(), outcome.summary()));
      }
    }
    return new PostureScan(
        UUID.randomUUID(),
        trigger,
        List.copyOf(namespaces),
        started,
        now(),
        reported,
        objects,
        results,
        probeFacts);
  }

  private static List<RuleResult> unreadable(String reason) {
    String summary =
        "The cluster could not be read (" + reason + "); check the gateway's Kubernetes access.";
    List<RuleResult> results = new ArrayList<>();
    PostureRules.all().forEach(rule -> results.add(RuleResult.unknown(rule.control(), summary)));
    results.add(RuleResult.unknown(HttpsProbe.CONTROL, summary));
    return results;
  }

  private PostureSettings settings() {
    return new PostureSettings(
        databaseSelector(),
        config.minCertificateDays(),
        config.maxImageAge(),
        config.latestVersions(),
        config.maxScanAge());
  }

  private Map<String, String> databaseSelector() {
    Map<String, String> selector = new LinkedHashMap<>();
    for (String pair : config.databaseSelector()) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalStateException(
            "vigil.posture.database-selector takes key=value pairs, got a pair without '='");
      }
      selector.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
    }
    return selector;
  }

  List<ControlEvaluation> evaluations(PostureScan scan) {
    OffsetDateTime validUntil = scan.finishedAt().plus(config.validity());
    return scan.results().stream()
        .map(
            result ->
                new ControlEvaluation(
                    result.control(),
                    result.status(),
                    scan.finishedAt(),
                    validUntil,
                    "gateway",
                    evidence(scan, result)))
        .toList();
  }

  private static Evidence evidence(PostureScan scan, RuleResult result) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("namespaces", scan.namespaces());
    facts.put("objectsChecked", result.objectsChecked());
    if (HttpsProbe.CONTROL.equals(result.control())) {
      facts.putAll(scan.probeFacts());
    }
    facts.put(
        "failures", result.findings().stream().filter(f -> f.severity() == Severity.FAIL).count());
    facts.put(
        "warnings", result.findings().stream().filter(f -> f.severity() == Severity.WARN).count());
    facts.put(
        "findings",
        result.findings().stream().limit(FINDINGS_IN_EVIDENCE).map(PostureScanner::fact).toList());
    // No scan ID here: evidence of an unchanged cluster must stay equal from scan to scan, so the
    // checklist only hears of changes (the scans API keeps every scan).
    List<String> references = new ArrayList<>();
    result.findings().stream()
        .map(f -> f.kind() + "/" + f.namespace() + "/" + f.name())
        .distinct()
        .limit(FINDINGS_IN_EVIDENCE)
        .forEach(references::add);
    return new Evidence(result.summary(), facts, references);
  }

  private static Map<String, Object> fact(Finding f) {
    Map<String, Object> fact = new LinkedHashMap<>();
    fact.put("severity", f.severity().name());
    fact.put("object", f.kind() + "/" + f.namespace() + "/" + f.name());
    fact.put("field", f.field());
    fact.put("message", f.message());
    return fact;
  }

  private static Uni<Void> store(PostureScan scan) {
    PostureScanRecord record = new PostureScanRecord();
    record.id = scan.id();
    record.trigger = scan.trigger();
    record.namespaces = String.join(",", scan.namespaces());
    record.startedAt = scan.startedAt();
    record.finishedAt = scan.finishedAt();
    record.reported = scan.reported();
    record.objects = scan.objects();
    try {
      record.results = JSON.writeValueAsString(scan.results());
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return record
        .persist()
        .chain(
            () ->
                PostureScanRecord.delete(
                    "startedAt < ?1", scan.startedAt().minus(30, ChronoUnit.DAYS)))
        .replaceWithVoid();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
