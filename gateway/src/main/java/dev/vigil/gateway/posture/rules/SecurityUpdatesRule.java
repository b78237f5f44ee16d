package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.ContainerRef;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.Meta;
import dev.vigil.gateway.posture.PodTemplate;
import dev.vigil.gateway.posture.PodTemplates;
import dev.vigil.gateway.posture.PostureRule;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * MNT-02: security updates are applied. Reads the image scans Trivy Operator keeps as {@code
 * VulnerabilityReport} objects next to each workload: a running image with a CRITICAL vulnerability
 * whose fix is released fails, a HIGH one warns, and so does a container the scanner has not
 * scanned or has stopped rescanning. Without any report the rule cannot tell and reports UNKNOWN;
 * the attestation covers the review process either way.
 */
public final class SecurityUpdatesRule implements PostureRule {

  static final String CONTROL = "MNT-02";
  private static final int LISTED = 3;

  /**
   * The report with only what this rule reads: its name, namespace and labels, when it was
   * refreshed, the scanned image, and the CRITICAL and HIGH vulnerabilities that have a fix.
   */
  public static GenericKubernetesResource compact(GenericKubernetesResource report) {
    return VulnerabilityReport.compact(report);
  }

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleResult check(ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    List<PodTemplate> templates = PodTemplates.of(snapshot);
    if (templates.isEmpty()) {
      return RuleResult.unknown(CONTROL, "no workloads or bare pods in the snapshot");
    }
    List<VulnerabilityReport> reports =
        snapshot.vulnerabilityReports().stream().map(VulnerabilityReport::of).toList();
    if (reports.isEmpty()) {
      return RuleResult.unknown(
          CONTROL,
          "no VulnerabilityReports (aquasecurity.github.io/v1alpha1) in the scanned namespaces:"
              + " install Trivy Operator to scan the running images (and let the gateway read its"
              + " reports), and attest the update review");
    }
    List<Finding> findings = new ArrayList<>();
    int containers = 0;
    for (PodTemplate template : templates) {
      if (spawnedByCronJob(template)) {
        // Trivy Operator scans a CronJob's template, not each Job it starts.
        continue;
      }
      for (ContainerRef container : template.containers()) {
        String image = container.container().getImage();
        if (image == null || image.isBlank()) {
          continue;
        }
        containers++;
        String field = container.field() + ".image";
        Optional<VulnerabilityReport> report = newestReport(reports, template, container, image);
        if (report.isEmpty()) {
          findings.add(
              template.finding(
                  CONTROL,
                  Severity.WARN,
                  field,
                  "Container "
                      + container.name()
                      + " has no vulnerability report for its image "
                      + image
                      + ": the scanner has not scanned it."));
          continue;
        }
        findings.addAll(check(template, container, field, report.get(), settings, now));
      }
    }
    String what =
        Summaries.plural(containers, "container")
            + " against "
            + Summaries.plural(reports.size(), "vulnerability report");
    return RuleResult.of(CONTROL, containers, findings, Summaries.checked(what, findings));
  }

  private static List<Finding> check(
      PodTemplate template,
      ContainerRef container,
      String field,
      VulnerabilityReport report,
      PostureSettings settings,
      Instant now) {
    List<Finding> findings = new ArrayList<>();
    if (report.updated() == null || report.updated().isBefore(now.minus(settings.maxScanAge()))) {
      String age =
          report.updated() == null
              ? "does not say when it was scanned"
              : "was last refreshed "
                  + Duration.between(report.updated(), now).toDays()
                  + " days ago (more than "
                  + settings.maxScanAge().toDays()
                  + ")";
      findings.add(
          template.finding(
              CONTROL,
              Severity.WARN,
              field,
              "VulnerabilityReport "
                  + report.name()
                  + " of container "
                  + container.name()
                  + " "
                  + age
                  + ": the scanner has stopped rescanning."));
    }
    fixable(report, "CRITICAL")
        .map(text -> template.finding(CONTROL, Severity.FAIL, field, message(container, text)))
        .ifPresent(findings::add);
    fixable(report, "HIGH")
        .map(text -> template.finding(CONTROL, Severity.WARN, field, message(container, text)))
        .ifPresent(findings::add);
    return findings;
  }

  private static String message(ContainerRef container, String vulnerabilities) {
    return "Container "
        + container.name()
        + " runs an image with "
        + vulnerabilities
        + "; update the image.";
  }

  /** e.g. {@code 2 CRITICAL vulnerabilities with a released fix: CVE-1 (openssl 3.0.1 → 3.0.7)}. */
  private static Optional<String> fixable(VulnerabilityReport report, String severity) {
    List<VulnerabilityReport.Vulnerability> found =
        report.vulnerabilities().stream()
            .filter(v -> v.severity().equals(severity) && v.fixable())
            .toList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String listed =
        found.stream()
            .limit(LISTED)
            .map(
                v ->
                    v.id()
                        + " ("
                        + v.resource()
                        + " "
                        + v.installedVersion()
                        + " → "
                        + v.fixedVersion()
                        + ")")
            .collect(Collectors.joining(", "));
    String more = found.size() > LISTED ? " and " + (found.size() - LISTED) + " more" : "";
    return Optional.of(
        Summaries.plural(found.size(), severity + " vulnerability")
            + " with a released fix: "
            + listed
            + more
            + " (VulnerabilityReport "
            + report.name()
            + ")");
  }

  private static boolean spawnedByCronJob(PodTemplate template) {
    return template.kind().equals("Job")
        && template.owner().getMetadata() != null
        && Meta.list(template.owner().getMetadata().getOwnerReferences()).stream()
            .anyMatch(owner -> "CronJob".equals(owner.getKind()));
  }

  private static Optional<VulnerabilityReport> newestReport(
      List<VulnerabilityReport> reports,
      PodTemplate template,
      ContainerRef container,
      String image) {
    ImageReference running = ImageReference.parse(image);
    return reports.stream()
        .filter(r -> r.namespace().equals(template.namespace()))
        .filter(r -> r.containerName().equals(container.name()))
        .filter(r -> scannedWorkload(r, template))
        .filter(r -> r.scanned(running))
        .max(Comparator.comparing(r -> r.updated() == null ? Instant.MIN : r.updated()));
  }

  /**
   * A Deployment's pods are scanned through their ReplicaSet, {@code <deployment>-<pod template
   * hash>}; the hash has no dash, so Deployment {@code web} does not claim {@code
   * web-canary-<hash>}.
   */
  private static boolean scannedWorkload(VulnerabilityReport report, PodTemplate template) {
    if (template.kind().equals("Deployment")) {
      String prefix = template.name() + "-";
      return report.resourceKind().equals("ReplicaSet")
          && report.resourceName().startsWith(prefix)
          && report.resourceName().length() > prefix.length()
          && report.resourceName().indexOf('-', prefix.length()) < 0;
    }
    return report.resourceKind().equals(template.kind())
        && report.resourceName().equals(template.name());
  }
}
