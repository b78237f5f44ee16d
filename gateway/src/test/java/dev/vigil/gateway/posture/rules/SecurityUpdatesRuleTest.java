package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
import static dev.vigil.gateway.posture.TestWorkloads.podSpec;
import static dev.vigil.gateway.posture.TestWorkloads.settings;
import static dev.vigil.gateway.posture.TestWorkloads.snapshot;
import static dev.vigil.gateway.posture.TestWorkloads.statefulSet;
import static dev.vigil.gateway.posture.TestWorkloads.vulnerabilityReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import dev.vigil.gateway.posture.TestWorkloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityUpdatesRuleTest {

  static final String IMAGE_FIELD = "spec.template.spec.containers[0].image";

  final SecurityUpdatesRule rule = new SecurityUpdatesRule();

  RuleResult check(HasMetadata... objects) {
    return rule.check(snapshot(objects), settings(), NOW);
  }

  /** Deployment "web" runs ghcr.io/vigil/web:1.0.0 (see TestWorkloads.container). */
  static HasMetadata web() {
    return deployment("web", podSpec(container("web").build()));
  }

  static HasMetadata webReport(String... vulnerabilities) {
    return replicaSetReport(
        "web-7d9f8c6b5", "web", "1.0.0", NOW.minus(Duration.ofHours(6)), vulnerabilities);
  }

  /** A report of a ReplicaSet's container running ghcr.io/vigil/web with this tag. */
  static HasMetadata replicaSetReport(
      String replicaSet, String container, String tag, Instant updated, String... vulnerabilities) {
    return vulnerabilityReport(
        "ReplicaSet", replicaSet, container, "ghcr.io", "vigil/web", tag, updated, vulnerabilities);
  }

  @Test
  void shouldPassAScannedImageWhoseFixesAreApplied() {
    RuleResult result =
        check(web(), webReport("CVE-2025-0001 MEDIUM 1.0.1", "CVE-2025-0002 CRITICAL "));

    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.objectsChecked()).isEqualTo(1);
    assertThat(result.summary()).contains("1 container against 1 vulnerability report");
  }

  @Test
  void shouldFailACriticalVulnerabilityWithAReleasedFix() {
    RuleResult result =
        check(
            web(),
            webReport(
                "CVE-2025-0001 CRITICAL 1.0.1",
                "CVE-2025-0002 CRITICAL 1.0.2",
                "CVE-2025-0003 HIGH 1.0.3",
                "CVE-2025-0004 HIGH "));

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings())
        .extracting(Finding::severity, Finding::kind, Finding::name, Finding::field)
        .containsExactly(
            tuple(Severity.FAIL, "Deployment", "web", IMAGE_FIELD),
            tuple(Severity.WARN, "Deployment", "web", IMAGE_FIELD));
    assertThat(result.findings().get(0).message())
        .contains("2 CRITICAL vulnerabilities with a released fix")
        .contains("CVE-2025-0001 (libexample 1.0.0 → 1.0.1)")
        .contains("replicaset-web-7d9f8c6b5-web");
    assertThat(result.findings().get(1).message())
        .contains("1 HIGH vulnerability with a released fix: CVE-2025-0003")
        .doesNotContain("CVE-2025-0004");
  }

  @Test
  void shouldListOnlyTheFirstFixableVulnerabilitiesAndCountTheRest() {
    RuleResult result =
        check(
            web(),
            webReport(
                "CVE-1 CRITICAL 2", "CVE-2 CRITICAL 2", "CVE-3 CRITICAL 2", "CVE-4 CRITICAL 2"));

    assertThat(result.findings()).singleElement();
    assertThat(result.findings().get(0).message())
        .contains("CVE-3")
        .doesNotContain("CVE-4")
        .contains("and 1 more");
  }

  @Test
  void shouldWarnAContainerTheScannerHasNotScanned() {
    HasMetadata other =
        statefulSet("db", Map.of("app", "db"), podSpec(container("postgres").build()));

    RuleResult result = check(web(), webReport(), other);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.kind()).isEqualTo("StatefulSet");
              assertThat(finding.field()).isEqualTo(IMAGE_FIELD);
              assertThat(finding.message()).contains("has no vulnerability report");
            });
  }

  @Test
  void shouldIgnoreAReportOfAnOlderImage() {
    HasMetadata oldImage =
        replicaSetReport("web-5c4b3a291", "web", "0.9.0", NOW, "CVE-2025-0001 CRITICAL 1.0.0");

    RuleResult result = check(web(), oldImage);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("has no vulnerability report");
  }

  @Test
  void shouldWarnAReportTheScannerStoppedRefreshing() {
    HasMetadata stale =
        replicaSetReport("web-7d9f8c6b5", "web", "1.0.0", NOW.minus(Duration.ofDays(30)));

    RuleResult result = check(web(), stale);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("last refreshed 30 days ago (more than 7)");
  }

  @Test
  void shouldMatchAStatefulSetReportByItsOwnName() {
    HasMetadata db = statefulSet("db", Map.of("app", "db"), podSpec(container("postgres").build()));
    HasMetadata report =
        vulnerabilityReport(
            "StatefulSet",
            "db",
            "postgres",
            "ghcr.io",
            "vigil/postgres",
            "1.0.0",
            NOW,
            "CVE-2025-0009 CRITICAL 1.0.1");

    RuleResult result = check(db, report);

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings()).extracting(Finding::kind).containsExactly("StatefulSet");
  }

  @Test
  void shouldReportUnknownWithoutAnyScannerReports() {
    RuleResult result = check(web());

    assertThat(result.status()).isEqualTo(ControlStatus.UNKNOWN);
    assertThat(result.summary()).contains("install Trivy Operator");
  }

  @Test
  void shouldSortReportsIntoTheSnapshot() {
    ClusterSnapshot snapshot = snapshot(web(), webReport());

    assertThat(snapshot.vulnerabilityReports()).hasSize(1);
    assertThat(snapshot.objectCount()).isEqualTo(2);
  }

  @Test
  void shouldNotTakeAReportOfAnotherNamespaceContainerOrDeployment() {
    HasMetadata otherNamespace = webReport("CVE-2025-0001 CRITICAL 1.0.1");
    otherNamespace.getMetadata().setNamespace("elsewhere");
    HasMetadata otherContainer =
        replicaSetReport("web-7d9f8c6b5", "sidecar", "1.0.0", NOW, "CVE-2025-0001 CRITICAL 1.0.1");
    HasMetadata canary =
        replicaSetReport(
            "web-canary-6c5d4b3a2", "web", "1.0.0", NOW, "CVE-2025-0001 CRITICAL 1.0.1");

    RuleResult result = check(web(), otherNamespace, otherContainer, canary);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("has no vulnerability report");
  }

  @Test
  void shouldNotMatchAnImagePinnedByDigestToAReportWithoutThatDigest() {
    HasMetadata pinned =
        deployment(
            "web",
            podSpec(
                container("web").withImage("ghcr.io/vigil/web@sha256:" + "a".repeat(64)).build()));
    HasMetadata untagged = replicaSetReport("web-7d9f8c6b5", "web", "", NOW, "CVE-1 CRITICAL 2");

    RuleResult result = check(pinned, untagged);

    assertThat(result.findings())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("has no vulnerability report");
  }

  @Test
  void shouldSkipJobsACronJobStartedAsTheScannerReportsTheCronJob() {
    HasMetadata spawned =
        new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(
                TestWorkloads.job("nightly-29001234", 0, podSpec(container("task").build())))
            .editMetadata()
            .addNewOwnerReference()
            .withApiVersion("batch/v1")
            .withKind("CronJob")
            .withName("nightly")
            .withUid("8a4c1b2e-0000-4000-8000-000000000002")
            .endOwnerReference()
            .endMetadata()
            .build();

    RuleResult result = check(web(), webReport(), spawned);

    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.objectsChecked()).isEqualTo(1);
  }

  @Test
  void shouldKeepOnlyWhatTheRuleReadsWhenCompactingAReport() {
    io.fabric8.kubernetes.api.model.GenericKubernetesResource full =
        (io.fabric8.kubernetes.api.model.GenericKubernetesResource)
            webReport(
                "CVE-2025-0001 CRITICAL 1.0.1",
                "CVE-2025-0002 CRITICAL ",
                "CVE-2025-0003 HIGH 1.0.3",
                "CVE-2025-0004 MEDIUM 1.0.4");

    io.fabric8.kubernetes.api.model.GenericKubernetesResource compact =
        SecurityUpdatesRule.compact(full);

    @SuppressWarnings("unchecked")
    Map<String, Object> report =
        (Map<String, Object>) compact.getAdditionalProperties().get("report");
    assertThat((java.util.List<Object>) report.get("vulnerabilities"))
        .extracting(v -> (Object) ((Map<?, ?>) v).get("vulnerabilityID"))
        .containsExactly("CVE-2025-0001", "CVE-2025-0003");
    assertThat(report)
        .containsOnlyKeys("updateTimestamp", "registry", "artifact", "vulnerabilities");
    assertThat(compact.getMetadata().getLabels()).isEqualTo(full.getMetadata().getLabels());
    assertThat(check(web(), compact).findings())
        .usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(check(web(), full).findings());
  }
}
