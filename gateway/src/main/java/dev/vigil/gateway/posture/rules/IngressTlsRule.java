package dev.vigil.gateway.posture.rules;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.Meta;
import dev.vigil.gateway.posture.PostureRule;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import dev.vigil.gateway.posture.UnreadableSecrets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NET-01: every host an Ingress serves has a valid TLS certificate that names it, is not about to
 * expire, and is issued automatically by cert-manager.
 *
 * <p>Problems with the certificate itself are reported once on its Secret; whether an Ingress host
 * is covered is reported on the Ingress.
 */
public final class IngressTlsRule implements PostureRule {

  static final String CONTROL = "NET-01";

  static final Set<String> CERT_MANAGER_ANNOTATIONS =
      Set.of("cert-manager.io/cluster-issuer", "cert-manager.io/issuer");

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleResult check(ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    if (snapshot.ingresses().isEmpty()) {
      return new RuleResult(
          CONTROL,
          ControlStatus.FAIL,
          0,
          List.of(),
          "no Ingress with a domain name in the scanned namespaces");
    }
    Run run = new Run(snapshot, settings, now);
    snapshot.ingresses().forEach(run::check);
    String what =
        Summaries.plural(snapshot.ingresses().size(), "Ingress")
            + " ("
            + Summaries.plural(run.hosts, "host")
            + ")";
    String summary = Summaries.checked(what, run.findings);
    if (run.earliest != null) {
      summary +=
          "; earliest certificate expiry "
              + run.earliest.getNotAfter().toInstant()
              + " (Secret "
              + run.earliestSecret
              + ")";
    }
    return RuleResult.of(CONTROL, snapshot.ingresses().size(), run.findings, summary);
  }

  /**
   * When the first of the certificates the Ingresses serve expires, or empty when none could be
   * read. Feeds the certificate-expiry metric; the rule itself reports the findings.
   */
  public static Optional<Instant> earliestExpiry(
      ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    Run run = new Run(snapshot, settings, now);
    snapshot.ingresses().forEach(run::check);
    return Optional.ofNullable(run.earliest).map(c -> c.getNotAfter().toInstant());
  }

  /** The state of one evaluation: findings so far and each Secret's certificate, read once. */
  private static final class Run {
    final ClusterSnapshot snapshot;
    final PostureSettings settings;
    final Instant now;
    final List<Finding> findings = new ArrayList<>();
    final Map<String, Optional<X509Certificate>> certificates = new HashMap<>();
    int hosts;
    X509Certificate earliest;
    String earliestSecret;

    Run(ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
      this.snapshot = snapshot;
      this.settings = settings;
      this.now = now;
    }

    void check(Ingress ingress) {
      Map<String, String> annotations = Meta.annotations(ingress);
      if (CERT_MANAGER_ANNOTATIONS.stream().noneMatch(annotations::containsKey)) {
        findings.add(
            finding(
                ingress,
                Severity.WARN,
                "metadata.annotations",
                "The certificate is not issued automatically: no cert-manager.io/cluster-issuer"
                    + " or cert-manager.io/issuer annotation."));
      }
      List<IngressRule> rules =
          ingress.getSpec() == null ? List.of() : Meta.list(ingress.getSpec().getRules());
      if (rules.isEmpty()) {
        findings.add(
            finding(
                ingress,
                Severity.FAIL,
                "spec.rules",
                "The Ingress has no rule with a host name, so no certificate can name it."));
      }
      Set<String> names = new LinkedHashSet<>();
      for (int i = 0; i < rules.size(); i++) {
        String host = rules.get(i).getHost();
        if (host == null || host.isBlank()) {
          findings.add(
              finding(
                  ingress,
                  Severity.FAIL,
                  "spec.rules[" + i + "].host",
                  "Rule "
                      + i
                      + " has no host, so it answers any name and no certificate covers it."));
        } else {
          names.add(host);
        }
      }
      hosts += names.size();
      names.forEach(host -> checkHost(ingress, host));
    }

    private void checkHost(Ingress ingress, String host) {
      List<IngressTLS> tls = Meta.list(ingress.getSpec().getTls());
      for (int j = 0; j < tls.size(); j++) {
        List<String> tlsHosts = Meta.list(tls.get(j).getHosts());
        for (int k = 0; k < tlsHosts.size(); k++) {
          if (TlsCertificates.covers(tlsHosts.get(k), host)) {
            checkSecret(ingress, host, tls.get(j).getSecretName(), "spec.tls[" + j + "]", k);
            return;
          }
        }
      }
      findings.add(
          finding(
              ingress,
              Severity.FAIL,
              "spec.tls",
              "Host "
                  + host
                  + " is not covered by any spec.tls entry, so it is served without TLS."));
    }

    private void checkSecret(
        Ingress ingress, String host, String secretName, String tlsPath, int hostIndex) {
      if (secretName == null || secretName.isBlank()) {
        findings.add(
            finding(
                ingress,
                Severity.FAIL,
                tlsPath + ".secretName",
                "The TLS entry for host " + host + " names no Secret with its certificate."));
        return;
      }
      String namespace = Meta.namespace(ingress);
      Optional<Secret> secret = snapshot.secret(namespace, secretName);
      if (secret.isEmpty()) {
        findings.add(
            finding(
                ingress,
                Severity.FAIL,
                tlsPath + ".secretName",
                "Secret " + secretName + " for host " + host + " was not found in the snapshot."));
        return;
      }
      Optional<String> unreadable = UnreadableSecrets.reason(secret.get());
      if (unreadable.isPresent()) {
        findings.add(
            finding(
                ingress,
                Severity.WARN,
                tlsPath + ".secretName",
                "Secret "
                    + secretName
                    + " for host "
                    + host
                    + " could not be read ("
                    + unreadable.get()
                    + "): list it in services.gateway.rbac.tlsSecrets to check its certificate."));
        return;
      }
      Optional<X509Certificate> certificate =
          certificates.computeIfAbsent(namespace + "/" + secretName, key -> read(secret.get()));
      if (certificate.isEmpty()) {
        return;
      }
      List<String> names = TlsCertificates.dnsNames(certificate.get());
      if (names.stream().noneMatch(name -> TlsCertificates.covers(name, host))) {
        findings.add(
            finding(
                ingress,
                Severity.FAIL,
                tlsPath + ".hosts[" + hostIndex + "]",
                "The certificate in Secret "
                    + secretName
                    + " does not name host "
                    + host
                    + (names.isEmpty()
                        ? " (it has no DNS names)."
                        : " (it names " + String.join(", ", names) + ").")));
      }
    }

    /** Reads the certificate and reports its own problems on the Secret, once. */
    private Optional<X509Certificate> read(Secret secret) {
      TlsCertificates.Loaded loaded = TlsCertificates.load(secret);
      if (loaded.certificate() == null) {
        findings.add(finding(secret, Severity.FAIL, loaded.field(), loaded.problem()));
        return Optional.empty();
      }
      X509Certificate certificate = loaded.certificate();
      Instant notBefore = certificate.getNotBefore().toInstant();
      Instant notAfter = certificate.getNotAfter().toInstant();
      if (now.isBefore(notBefore)) {
        findings.add(
            finding(
                secret,
                Severity.FAIL,
                loaded.field(),
                "The certificate is not valid before " + notBefore + "."));
      } else if (!now.isBefore(notAfter)) {
        findings.add(
            finding(
                secret,
                Severity.FAIL,
                loaded.field(),
                "The certificate expired on " + notAfter + "."));
      } else {
        long daysLeft = Duration.between(now, notAfter).toDays();
        if (daysLeft < settings.minCertificateDays()) {
          findings.add(
              finding(
                  secret,
                  Severity.WARN,
                  loaded.field(),
                  "The certificate expires in "
                      + daysLeft
                      + " days, on "
                      + notAfter
                      + " (renewal is due "
                      + settings.minCertificateDays()
                      + " days ahead)."));
        }
      }
      if (earliest == null || certificate.getNotAfter().before(earliest.getNotAfter())) {
        earliest = certificate;
        earliestSecret = Meta.namespace(secret) + "/" + Meta.name(secret);
      }
      return Optional.of(certificate);
    }

    private static Finding finding(
        HasMetadata object, Severity severity, String field, String message) {
      return Finding.on(CONTROL, severity, object, field, message);
    }
  }
}
