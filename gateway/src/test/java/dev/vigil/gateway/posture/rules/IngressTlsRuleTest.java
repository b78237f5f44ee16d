package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NAMESPACE;
import static dev.vigil.gateway.posture.TestWorkloads.settings;
import static dev.vigil.gateway.posture.TestWorkloads.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import dev.vigil.gateway.posture.TestCertificates;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IngressTlsRuleTest {

  static final String HOST = "app.example.com";
  static final Map<String, String> CERT_MANAGER =
      Map.of("cert-manager.io/cluster-issuer", "letsencrypt");

  static String valid;
  static String expiringSoon;
  static String expired;
  static String otherHost;
  static String wildcard;

  final IngressTlsRule rule = new IngressTlsRule();
  // keytool dates its certificates from the real clock, so the check runs on it too.
  final Instant now = Instant.now();

  @BeforeAll
  static void createCertificates() {
    valid = TestCertificates.pem(HOST, null, 90);
    expiringSoon = TestCertificates.pem(HOST, null, 10);
    expired = TestCertificates.pem(HOST, "-100d", 30);
    otherHost = TestCertificates.pem("other.example.com", null, 90);
    wildcard = TestCertificates.pem("*.example.com", null, 90);
  }

  RuleResult check(HasMetadata... objects) {
    return rule.check(snapshot(objects), settings(), now);
  }

  static Ingress ingress(Map<String, String> annotations, String host, String tlsHost) {
    return new IngressBuilder()
        .withNewMetadata()
        .withName("app")
        .withNamespace(NAMESPACE)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .addNewRule()
        .withHost(host)
        .endRule()
        .addNewTl()
        .withHosts(tlsHost)
        .withSecretName("app-tls")
        .endTl()
        .endSpec()
        .build();
  }

  static Secret secret(String pem) {
    return TestCertificates.tlsSecret(NAMESPACE, "app-tls", pem);
  }

  @Test
  void shouldPassAValidAutomaticallyIssuedCertificateForTheHost() {
    RuleResult result = check(ingress(CERT_MANAGER, HOST, HOST), secret(valid));

    assertThat(result.control()).isEqualTo("NET-01");
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
    assertThat(result.objectsChecked()).isEqualTo(1);
    assertThat(result.summary())
        .contains("1 Ingress (1 host) checked")
        .contains("earliest certificate expiry")
        .contains("(Secret apps/app-tls)");
  }

  @Test
  void shouldWarnAboutACertificateExpiringWithinTheMinimumDays() {
    RuleResult result = check(ingress(CERT_MANAGER, HOST, HOST), secret(expiringSoon));

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .extracting(Finding::control, Finding::severity, Finding::kind, Finding::field)
        .containsExactly(tuple("NET-01", Severity.WARN, "Secret", "data['tls.crt']"));
    assertThat(result.findings().get(0).message()).containsPattern("expires in (9|10) days");
  }

  @Test
  void shouldWarnThatASecretItMayNotReadIsUncheckedRatherThanMissing() {
    RuleResult result =
        check(
            ingress(CERT_MANAGER, HOST, HOST),
            dev.vigil.gateway.posture.UnreadableSecrets.placeholder(
                NAMESPACE, "app-tls", "HTTP 403"));

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field, Finding::message)
        .containsExactly(
            tuple(
                Severity.WARN,
                "spec.tls[0].secretName",
                "Secret app-tls for host app.example.com could not be read (HTTP 403): list it in"
                    + " services.gateway.rbac.tlsSecrets to check its certificate."));
  }

  @Test
  void shouldFailAnExpiredCertificate() {
    RuleResult result = check(ingress(CERT_MANAGER, HOST, HOST), secret(expired));

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings())
        .extracting(Finding::severity, Finding::kind, Finding::field)
        .containsExactly(tuple(Severity.FAIL, "Secret", "data['tls.crt']"));
    assertThat(result.findings().get(0).message()).startsWith("The certificate expired on");
  }

  @Test
  void shouldFailACertificateThatDoesNotNameTheHost() {
    RuleResult result = check(ingress(CERT_MANAGER, HOST, HOST), secret(otherHost));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::kind, Finding::field, Finding::message)
        .containsExactly(
            tuple(
                Severity.FAIL,
                "Ingress",
                "spec.tls[0].hosts[0]",
                "The certificate in Secret app-tls does not name host app.example.com (it names"
                    + " other.example.com)."));
  }

  @Test
  void shouldLetAWildcardCoverExactlyOneLabel() {
    assertThat(check(ingress(CERT_MANAGER, HOST, "*.example.com"), secret(wildcard)).status())
        .isEqualTo(ControlStatus.PASS);
    assertThat(
            check(ingress(CERT_MANAGER, "a.b.example.com", "a.b.example.com"), secret(wildcard))
                .findings())
        .extracting(Finding::field)
        .containsExactly("spec.tls[0].hosts[0]");
  }

  @Test
  void shouldFailAHostWithoutTls() {
    RuleResult result = check(ingress(CERT_MANAGER, HOST, "other.example.com"), secret(valid));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(tuple(Severity.FAIL, "spec.tls"));
  }

  @Test
  void shouldFailARuleWithoutHost() {
    RuleResult result = check(ingress(CERT_MANAGER, null, HOST), secret(valid));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(tuple(Severity.FAIL, "spec.rules[0].host"));
  }

  @Test
  void shouldFailAMissingOrUnreadableSecret() {
    assertThat(check(ingress(CERT_MANAGER, HOST, HOST)).findings())
        .extracting(Finding::severity, Finding::kind, Finding::field)
        .containsExactly(tuple(Severity.FAIL, "Ingress", "spec.tls[0].secretName"));

    Secret garbage =
        new SecretBuilder(secret(valid)).withData(Map.of("tls.crt", "bm90IGEgY2VydA==")).build();
    assertThat(check(ingress(CERT_MANAGER, HOST, HOST), garbage).findings())
        .extracting(Finding::severity, Finding::kind, Finding::field, Finding::message)
        .containsExactly(
            tuple(
                Severity.FAIL,
                "Secret",
                "data['tls.crt']",
                "tls.crt does not hold a readable X.509 certificate."));
  }

  @Test
  void shouldWarnWhenTheCertificateIsNotIssuedAutomatically() {
    RuleResult result = check(ingress(Map.of(), HOST, HOST), secret(valid));

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field, Finding::message)
        .containsExactly(
            tuple(
                Severity.WARN,
                "metadata.annotations",
                "The certificate is not issued automatically: no cert-manager.io/cluster-issuer"
                    + " or cert-manager.io/issuer annotation."));
  }

  @Test
  void shouldFailWhenThereIsNoIngressAtAll() {
    RuleResult result = rule.check(ClusterSnapshot.empty(), settings(), now);

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.objectsChecked()).isZero();
    assertThat(result.summary())
        .isEqualTo("no Ingress with a domain name in the scanned namespaces");
  }

  @Test
  void shouldGiveTheEarliestExpiryOfTheServedCertificatesForTheMetric() {
    Instant expiry =
        IngressTlsRule.earliestExpiry(
                snapshot(ingress(CERT_MANAGER, HOST, HOST), secret(expiringSoon)), settings(), now)
            .orElseThrow();

    assertThat(expiry).isBetween(now.plus(Duration.ofDays(9)), now.plus(Duration.ofDays(11)));
    assertThat(IngressTlsRule.earliestExpiry(ClusterSnapshot.empty(), settings(), now)).isEmpty();
  }
}
