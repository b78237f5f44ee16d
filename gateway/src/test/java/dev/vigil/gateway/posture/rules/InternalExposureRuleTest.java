package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NAMESPACE;
import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.settings;
import static dev.vigil.gateway.posture.TestWorkloads.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InternalExposureRuleTest {

  static final String WHITELIST = "nginx.ingress.kubernetes.io/whitelist-source-range";
  static final String ALLOWLIST = "nginx.ingress.kubernetes.io/allowlist-source-range";

  final InternalExposureRule rule = new InternalExposureRule();

  RuleResult check(HasMetadata... objects) {
    return rule.check(snapshot(objects), settings(), NOW);
  }

  static Ingress ingress(String name, String className, Map<String, String> annotations) {
    return new IngressBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withIngressClassName(className)
        .addNewRule()
        .withHost(name + ".example.com")
        .endRule()
        .endSpec()
        .build();
  }

  static Service service(String type, Map<String, String> annotations, List<String> ranges) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("api")
        .withNamespace(NAMESPACE)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .withLoadBalancerSourceRanges(ranges)
        .withSelector(Map.of("app", "api"))
        .endSpec()
        .build();
  }

  @Test
  void shouldPassIngressesAndLoadBalancersLimitedToPrivateNetworks() {
    RuleResult result =
        check(
            ingress("a", "nginx", Map.of(WHITELIST, "10.0.0.0/8, 192.168.0.0/16")),
            ingress("b", "nginx", Map.of(ALLOWLIST, "100.64.0.0/10")),
            ingress("c", "nginx-internal", Map.of()),
            service(
                "LoadBalancer",
                Map.of("service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
                List.of()),
            service("LoadBalancer", Map.of(), List.of("172.16.0.0/12")),
            service("ClusterIP", Map.of(), List.of()));

    assertThat(result.control()).isEqualTo("NET-03");
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
    assertThat(result.objectsChecked()).isEqualTo(5);
  }

  @Test
  void shouldRecogniseEveryCloudsInternalLoadBalancerAnnotation() {
    List<Map<String, String>> annotations =
        List.of(
            Map.of("service.beta.kubernetes.io/aws-load-balancer-internal", "true"),
            Map.of("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
            Map.of("networking.gke.io/load-balancer-type", "Internal"),
            Map.of("cloud.google.com/load-balancer-type", "Internal"));

    for (Map<String, String> annotation : annotations) {
      assertThat(check(service("LoadBalancer", annotation, List.of())).status())
          .as("%s", annotation)
          .isEqualTo(ControlStatus.PASS);
    }
  }

  @Test
  void shouldPassAnOperatorStatementButAskForAttestation() {
    RuleResult result =
        check(
            ingress("app", "nginx", Map.of(InternalExposureRule.EXPOSURE_ANNOTATION, "internal")));

    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.summary()).contains("needs attestation: Ingress apps/app");
  }

  @Test
  void shouldFailAnIngressOpenToAnyAddress() {
    RuleResult result = check(ingress("app", "nginx", Map.of()));

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings())
        .extracting(Finding::control, Finding::severity, Finding::kind, Finding::field)
        .containsExactly(tuple("NET-03", Severity.FAIL, "Ingress", "metadata.annotations"));
  }

  @Test
  void shouldFailAnAllowlistWithAPublicRangeEvenIfDeclaredInternal() {
    RuleResult result =
        check(
            ingress(
                "app",
                "nginx",
                Map.of(
                    WHITELIST,
                    "10.0.0.0/8,0.0.0.0/0",
                    InternalExposureRule.EXPOSURE_ANNOTATION,
                    "internal")));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field, Finding::message)
        .containsExactly(
            tuple(
                Severity.FAIL,
                "metadata.annotations['nginx.ingress.kubernetes.io/whitelist-source-range']",
                "The source-range allowlist admits 0.0.0.0/0, which is not a private range."));
  }

  @Test
  void shouldFailAnInternetFacingLoadBalancer() {
    RuleResult result =
        check(
            service("LoadBalancer", Map.of(), List.of()),
            new ServiceBuilder(
                    service("LoadBalancer", Map.of(), List.of("10.0.0.0/8", "203.0.113.0/24")))
                .editMetadata()
                .withName("ranged")
                .endMetadata()
                .build());

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::name, Finding::field)
        .containsExactly(
            tuple(Severity.FAIL, "api", "spec.type"),
            tuple(Severity.FAIL, "ranged", "spec.loadBalancerSourceRanges[1]"));
  }

  @Test
  void shouldWarnAboutANodePortService() {
    RuleResult result = check(service("NodePort", Map.of(), List.of()));

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(tuple(Severity.WARN, "spec.type"));
  }

  @Test
  void shouldBeUnknownWhenNothingIsExposed() {
    RuleResult result = check(service("ClusterIP", Map.of(), List.of()));

    assertThat(result.status()).isEqualTo(ControlStatus.UNKNOWN);
  }
}
