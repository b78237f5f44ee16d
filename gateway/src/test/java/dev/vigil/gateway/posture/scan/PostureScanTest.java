package dev.vigil.gateway.posture.scan;

import static dev.vigil.gateway.GatewayTestSupport.admin;
import static dev.vigil.gateway.GatewayTestSupport.auditor;
import static dev.vigil.gateway.GatewayTestSupport.checklist;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.podSpec;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.vigil.gateway.posture.TestCertificates;
import dev.vigil.gateway.posture.TestWorkloads;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The posture rules against objects in the Fabric8 mock API server: namespace "good" holds a
 * compliant object for every rule, "bad" a violating one. Scans of "bad" (the configured namespace)
 * reach the checklist; scans of "good" are previews.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(PostureScanTest.ScanBad.class)
class PostureScanTest {

  public static class ScanBad implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("vigil.posture.namespaces", "bad");
    }
  }

  private static final Map<String, String> DB = Map.of("app.kubernetes.io/name", "postgresql");
  private static final Map<String, String> WEB = Map.of("app.kubernetes.io/name", "web");
  private static boolean created;

  @Inject KubernetesClient client;

  @BeforeEach
  void createObjects() {
    if (created) {
      return;
    }
    created = true;
    createCompliant("good");
    createViolating("bad");
  }

  @Test
  void shouldPassEveryRuleOnCompliantObjects() {
    ValidatableResponse scan = scan("{\"namespaces\":[\"good\"]}").statusCode(201);
    scan.body("reported", equalTo(false));
    for (String control :
        new String[] {
          "CON-01", "CON-02", "CON-03", "CON-04", "MNT-01", "MNT-02", "DB-02", "NET-01", "NET-03",
          "ENV-02", "ENV-03"
        }) {
      scan.body("statuses.'" + control + "'", equalTo("PASS"));
    }
  }

  @Test
  void shouldFindEachViolationWithTheExactFieldAtFault() {
    ValidatableResponse scan = scan("{\"namespaces\":[\"bad\"]}").statusCode(201);
    scan.body("statuses.'CON-01'", equalTo("FAIL"))
        .body(
            finding("CON-01", "field"),
            hasItem("spec.template.spec.containers[0].securityContext.runAsUser"))
        .body("statuses.'CON-02'", equalTo("FAIL"))
        .body(
            finding("CON-02", "field"),
            hasItem("spec.template.spec.containers[0].resources.limits.memory"))
        .body("statuses.'CON-03'", equalTo("FAIL"))
        .body(finding("CON-03", "name"), hasItem("debug"))
        .body("statuses.'CON-04'", equalTo("WARN"))
        .body("statuses.'MNT-01'", equalTo("WARN"))
        .body(finding("MNT-01", "field"), hasItem("spec.template.spec.containers[0].image"))
        .body("statuses.'MNT-02'", equalTo("FAIL"))
        .body(finding("MNT-02", "name"), hasItem("web"))
        .body(finding("MNT-02", "field"), hasItem("spec.template.spec.containers[0].image"))
        .body("statuses.'DB-02'", equalTo("FAIL"))
        .body(finding("DB-02", "field"), hasItem("spec.type"))
        .body("statuses.'NET-01'", equalTo("FAIL"))
        .body("statuses.'NET-03'", equalTo("FAIL"))
        .body("statuses.'ENV-02'", equalTo("FAIL"))
        .body(finding("ENV-02", "field"), hasItem("spec.template.spec.containers[0].env[0].value"))
        .body("statuses.'ENV-03'", equalTo("FAIL"))
        .body(
            finding("ENV-03", "field"),
            hasItem("spec.template.spec.volumes[0].secret.defaultMode"));
    String body = scan.extract().asString();
    org.assertj.core.api.Assertions.assertThat(body).doesNotContain("hunter2-literal");
  }

  @Test
  void shouldReportScansOfTheConfiguredNamespacesToTheChecklist() {
    String id = scan("{}").statusCode(201).body("reported", equalTo(true)).extract().path("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                checklist("?section=container-security")
                    .body("controls.find { it.id == 'CON-01' }.status", equalTo("FAIL"))
                    .body(
                        "controls.find { it.id == 'CON-01' }.evidence.references",
                        hasItem("Deployment/bad/web"))
                    .body(
                        "controls.find { it.id == 'CON-01' }.evidence.facts.findings.field",
                        hasItem("spec.template.spec.containers[0].securityContext.runAsUser")));
    given()
        .auth()
        .oauth2(auditor())
        .get("/api/v1/posture/scans/" + id)
        .then()
        .statusCode(200)
        .body("results.control", hasItem("ENV-03"));
    given()
        .auth()
        .oauth2(auditor())
        .get("/api/v1/posture/scans")
        .then()
        .statusCode(200)
        .body("id", hasItem(id));
  }

  @Test
  void shouldNotProbeAHostAnIngressAuthorChose() {
    // "good" holds an Ingress with TLS for app.example.com; no probe URL is configured.
    scan("{\"namespaces\":[\"good\"]}")
        .statusCode(201)
        .body("statuses.'NET-02'", equalTo("UNKNOWN"))
        .body(
            "results.find { it.control == 'NET-02' }.summary",
            org.hamcrest.Matchers.containsString("vigil.posture.https-probe.url"));
  }

  @Test
  void shouldRefuseBadScanRequests() {
    scan("{\"namespaces\":[\"Not_A_Namespace\"]}")
        .statusCode(400)
        .body("detail", containsString("namespace"));
    given()
        .auth()
        .oauth2(auditor())
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/posture/scans")
        .then()
        .statusCode(403);
  }

  private static String finding(String control, String field) {
    return "results.find { it.control == '" + control + "' }.findings." + field;
  }

  private static ValidatableResponse scan(String body) {
    return given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(body)
        .post("/api/v1/posture/scans")
        .then();
  }

  private void createCompliant(String ns) {
    var web =
        new PodSpecBuilder(
                podSpec(container("web").withImage("registry.example.com/web:1.4.2").build()))
            .addToVolumes(
                new VolumeBuilder()
                    .withName("keys")
                    .withNewSecret()
                    .withSecretName("web-keys")
                    .withDefaultMode(0400)
                    .endSecret()
                    .build())
            .build();
    web.getContainers()
        .get(0)
        .getEnv()
        .add(
            new EnvVarBuilder()
                .withName("DB_PASSWORD")
                .withNewValueFrom()
                .withNewSecretKeyRef("password", "db", false)
                .endValueFrom()
                .build());
    create(ns, TestWorkloads.deployment("web", WEB, web));
    create(
        ns,
        new PodBuilder(
                TestWorkloads.ownedPod(
                    "web-1",
                    podSpec(container("web").withImage("registry.example.com/web:1.4.2").build())))
            .withNewStatus()
            .withStartTime(Instant.now().minus(Duration.ofDays(3)).toString())
            .endStatus()
            .build());
    create(
        ns,
        TestWorkloads.statefulSet(
            "db", DB, podSpec(container("postgres").withImage("postgres:15.6").build())));
    create(ns, service("db", "ClusterIP"));
    create(
        ns,
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName("db-ingress")
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(DB)
            .endPodSelector()
            .withPolicyTypes("Ingress")
            .addNewIngress()
            .addNewFrom()
            .withNewPodSelector()
            .withMatchLabels(WEB)
            .endPodSelector()
            .endFrom()
            .endIngress()
            .endSpec()
            .build());
    create(
        ns,
        new IngressBuilder(ingress(true))
            .editMetadata()
            .addToAnnotations("cert-manager.io/cluster-issuer", "internal-ca")
            .addToAnnotations("nginx.ingress.kubernetes.io/allowlist-source-range", "10.0.0.0/8")
            .endMetadata()
            .build());
    create(
        ns,
        TestCertificates.tlsSecret(
            ns, "web-tls", TestCertificates.pem("app.example.com", null, 90)));
    createReport(
        ns,
        TestWorkloads.vulnerabilityReport(
            "ReplicaSet",
            "web-6b7c8d9f4",
            "web",
            "registry.example.com",
            "web",
            "1.4.2",
            Instant.now().minus(Duration.ofHours(3)),
            "CVE-2025-1001 MEDIUM 1.4.3"));
    createReport(
        ns,
        TestWorkloads.vulnerabilityReport(
            "StatefulSet",
            "db",
            "postgres",
            "index.docker.io",
            "library/postgres",
            "15.6",
            Instant.now().minus(Duration.ofHours(3))));
  }

  private void createViolating(String ns) {
    var web =
        new PodSpecBuilder()
            .addNewContainer()
            .withName("web")
            .withImage("registry.example.com/web:latest")
            .withNewSecurityContext()
            .withRunAsUser(0L)
            .endSecurityContext()
            .addToEnv(
                new EnvVarBuilder().withName("DB_PASSWORD").withValue("hunter2-literal").build())
            .endContainer()
            .addToVolumes(
                new VolumeBuilder()
                    .withName("keys")
                    .withNewSecret()
                    .withSecretName("web-keys")
                    .withDefaultMode(0644)
                    .endSecret()
                    .build())
            .build();
    create(ns, TestWorkloads.deployment("web", WEB, web));
    create(
        ns,
        new PodBuilder(
                TestWorkloads.barePod("debug", Map.of(), podSpec(container("debug").build())))
            .withNewStatus()
            .withStartTime(Instant.now().minus(Duration.ofDays(200)).toString())
            .endStatus()
            .build());
    var db = podSpec(container("postgres").withImage("postgres:15.6").build());
    db.getContainers()
        .get(0)
        .getPorts()
        .add(new ContainerPortBuilder().withContainerPort(5432).build());
    create(ns, TestWorkloads.statefulSet("db", DB, db));
    create(ns, service("db", "LoadBalancer"));
    create(ns, ingress(false));
    createReport(
        ns,
        TestWorkloads.vulnerabilityReport(
            "ReplicaSet",
            "web-59d8f7c6b",
            "web",
            "registry.example.com",
            "web",
            "latest",
            Instant.now().minus(Duration.ofHours(3)),
            "CVE-2025-1002 CRITICAL 2.0.1"));
  }

  private static HasMetadata service(String name, String type) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .withSelector(DB)
        .addNewPort()
        .withPort(5432)
        .endPort()
        .endSpec()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress(boolean tls) {
    IngressBuilder builder =
        new IngressBuilder()
            .withNewMetadata()
            .withName("web")
            .endMetadata()
            .withNewSpec()
            .addNewRule()
            .withHost("app.example.com")
            .endRule()
            .endSpec();
    if (tls) {
      builder
          .editSpec()
          .addNewTl()
          .withHosts("app.example.com")
          .withSecretName("web-tls")
          .endTl()
          .endSpec();
    }
    return builder.build();
  }

  private void createReport(String namespace, GenericKubernetesResource report) {
    report.getMetadata().setNamespace(namespace);
    client
        .genericKubernetesResources(ClusterReader.VULNERABILITY_REPORTS)
        .inNamespace(namespace)
        .resource(report)
        .create();
  }

  private void create(String namespace, HasMetadata object) {
    object.getMetadata().setNamespace(namespace);
    client.resource(object).create();
  }
}
