package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NAMESPACE;
import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
import static dev.vigil.gateway.posture.TestWorkloads.podSpec;
import static dev.vigil.gateway.posture.TestWorkloads.settings;
import static dev.vigil.gateway.posture.TestWorkloads.snapshot;
import static dev.vigil.gateway.posture.TestWorkloads.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseExposureRuleTest {

  static final Map<String, String> DB_LABELS =
      Map.of("app.kubernetes.io/name", "postgresql", "app.kubernetes.io/instance", "vigil-db");

  final DatabaseExposureRule rule = new DatabaseExposureRule();

  RuleResult check(HasMetadata... objects) {
    return rule.check(snapshot(objects), settings(), NOW);
  }

  static StatefulSet database() {
    return statefulSet(
        "postgresql",
        DB_LABELS,
        podSpec(
            container("postgresql")
                .withImage("postgres:16.4")
                .addNewPort()
                .withContainerPort(5432)
                .endPort()
                .build()));
  }

  static Service service(String type) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("postgresql")
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .withSelector(Map.of("app.kubernetes.io/name", "postgresql"))
        .addNewPort()
        .withPort(5432)
        .endPort()
        .endSpec()
        .build();
  }

  /** Only the backend services reach the database. */
  static NetworkPolicyBuilder policy() {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName("postgresql")
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .addNewMatchExpression()
        .withKey("app.kubernetes.io/name")
        .withOperator("In")
        .withValues("postgresql")
        .endMatchExpression()
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .addNewFrom()
        .withNewPodSelector()
        .withMatchLabels(Map.of("app.kubernetes.io/part-of", "vigil"))
        .endPodSelector()
        .endFrom()
        .endIngress()
        .endSpec();
  }

  @Test
  void shouldPassAnInternalDatabaseBehindANetworkPolicy() {
    RuleResult result = check(database(), service("ClusterIP"), policy().build());

    assertThat(result.control()).isEqualTo("DB-02");
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
    assertThat(result.objectsChecked()).isEqualTo(3);
  }

  @Test
  void shouldTakeADefaultDenyPolicyWithoutPolicyTypesAsRestricting() {
    NetworkPolicy denyAll =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName("default-deny")
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .endPodSelector()
            .endSpec()
            .build();

    assertThat(check(database(), denyAll).status()).isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldFailAServicePublishingTheDatabase() {
    Service loadBalancer =
        new ServiceBuilder(service("LoadBalancer"))
            .editSpec()
            .withExternalIPs("203.0.113.10")
            .endSpec()
            .build();

    RuleResult result = check(database(), loadBalancer, policy().build());

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings())
        .extracting(Finding::control, Finding::severity, Finding::kind, Finding::field)
        .containsExactly(
            tuple("DB-02", Severity.FAIL, "Service", "spec.externalIPs"),
            tuple("DB-02", Severity.FAIL, "Service", "spec.type"));
  }

  @Test
  void shouldIgnoreServicesOfOtherWorkloads() {
    Service web =
        new ServiceBuilder(service("NodePort"))
            .editMetadata()
            .withName("web")
            .endMetadata()
            .editSpec()
            .withSelector(Map.of("app.kubernetes.io/name", "web"))
            .endSpec()
            .build();

    RuleResult result =
        check(
            database(),
            web,
            policy().build(),
            deployment("web", podSpec(container("web").build())));

    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldFailHostNetworkAndHostPorts() {
    StatefulSet onHost =
        statefulSet(
            "postgresql",
            DB_LABELS,
            new PodSpecBuilder()
                .withHostNetwork(true)
                .withContainers(
                    container("postgresql")
                        .addNewPort()
                        .withContainerPort(5432)
                        .withHostPort(5432)
                        .endPort()
                        .build())
                .build());

    RuleResult result = check(onHost, policy().build());

    assertThat(result.findings())
        .extracting(Finding::kind, Finding::field)
        .containsExactly(
            tuple("StatefulSet", "spec.template.spec.containers[0].ports[0].hostPort"),
            tuple("StatefulSet", "spec.template.spec.hostNetwork"));
  }

  @Test
  void shouldFailWithoutANetworkPolicyForTheDatabase() {
    NetworkPolicy egressOnly =
        policy().editSpec().withPolicyTypes("Egress").withIngress(List.of()).endSpec().build();
    NetworkPolicy otherNamespace =
        policy().editMetadata().withNamespace("elsewhere").endMetadata().build();

    RuleResult result = check(database(), egressOnly, otherNamespace);

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::kind, Finding::field)
        .containsExactly(tuple(Severity.FAIL, "StatefulSet", "spec.template.metadata.labels"));
  }

  @Test
  void shouldFailAPolicyThatAdmitsEverySource() {
    NetworkPolicy open =
        policy()
            .editSpec()
            .addToIngress(new NetworkPolicyIngressRuleBuilder().build())
            .addToIngress(
                new NetworkPolicyIngressRuleBuilder()
                    .addNewFrom()
                    .withNewPodSelector()
                    .endPodSelector()
                    .endFrom()
                    .addToFrom(
                        new NetworkPolicyPeerBuilder()
                            .withNewIpBlock()
                            .withCidr("0.0.0.0/0")
                            .endIpBlock()
                            .build())
                    .build())
            .endSpec()
            .build();

    RuleResult result = check(database(), open);

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::kind, Finding::field)
        .containsExactly(
            tuple(Severity.FAIL, "NetworkPolicy", "spec.ingress[1].from"),
            tuple(Severity.FAIL, "NetworkPolicy", "spec.ingress[2].from[1].ipBlock.cidr"));
  }

  @Test
  void shouldBeUnknownWithoutDatabaseWorkloads() {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(deployment("web", podSpec(container("web").build())));

    RuleResult result = rule.check(ClusterSnapshot.of(objects), settings(), NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.UNKNOWN);
    assertThat(result.summary())
        .isEqualTo("no database workloads matched app.kubernetes.io/name=postgresql");
  }
}
