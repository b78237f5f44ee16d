package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NAMESPACE;
import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
import static dev.vigil.gateway.posture.TestWorkloads.podSpec;
import static dev.vigil.gateway.posture.TestWorkloads.settings;
import static dev.vigil.gateway.posture.TestWorkloads.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretEnvRuleTest {

  static final String PASSWORD = "hunter2-correct-horse";
  static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  final SecretEnvRule rule = new SecretEnvRule();

  RuleResult check(HasMetadata... objects) {
    return rule.check(snapshot(objects), settings(), NOW);
  }

  static EnvVar literal(String name, String value) {
    return new EnvVar(name, value, null);
  }

  static EnvVar fromSecret(String name) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName("app-db")
        .withKey("password")
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  static HasMetadata workload(EnvVar... env) {
    return deployment("web", podSpec(container("web").withEnv(env).build()));
  }

  static ConfigMap configMap(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("web-config")
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withData(data)
        .build();
  }

  @Test
  void shouldPassSecretsFromSecretsAndPlainConfiguration() {
    RuleResult result =
        check(
            workload(
                fromSecret("VIGIL_DB_PASSWORD"),
                literal("VIGIL_DB_USER", "vigil"),
                literal("KEYCLOAK_URL", "https://keycloak.example.com"),
                literal("VIGIL_ROUTES_KEYS", "http://vigil-key-service:8080"),
                literal("AUTH_SECRET_ROTATION_ENABLED", "true"),
                literal("TOKEN_TTL_SECONDS", "3600"),
                literal("FEATURE_TOKEN", "false"),
                literal("DATABASE_URL", "postgres://vigil:$(VIGIL_DB_PASSWORD)@db:5432/vigil"),
                literal("GIT_COMMIT", "3f2a9c0e1b7d4a6f8e5c2b1a0d9e8f7c6b5a4d3e")));

    assertThat(result.control()).isEqualTo("ENV-02");
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void shouldFailALiteralValueUnderASecretLikeNameWithoutRevealingIt() {
    RuleResult result =
        check(workload(literal("VIGIL_DB_USER", "vigil"), literal("VIGIL_DB_PASSWORD", PASSWORD)));

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings())
        .extracting(Finding::control, Finding::severity, Finding::kind, Finding::field)
        .containsExactly(
            tuple(
                "ENV-02",
                Severity.FAIL,
                "Deployment",
                "spec.template.spec.containers[0].env[1].value"));
    assertThat(result.findings().get(0).message())
        .contains("VIGIL_DB_PASSWORD")
        .contains("a literal value")
        .doesNotContain(PASSWORD);
  }

  @Test
  void shouldFailValuesThatLookLikeSecretsWhateverTheName() {
    RuleResult result =
        check(
            deployment(
                "web",
                new PodSpecBuilder()
                    .withInitContainers(
                        container("init").withEnv(literal("BOOTSTRAP", JWT)).build())
                    .withContainers(
                        container("web")
                            .withEnv(
                                literal(
                                    "DATABASE_URL", "postgres://vigil:" + PASSWORD + "@db/vigil"),
                                literal("TLS", "-----BEGIN PRIVATE KEY-----\nMIIEvQ..."),
                                literal("apiKey", "abc"))
                            .build())
                    .build()));

    assertThat(result.findings())
        .extracting(Finding::field)
        .containsExactly(
            "spec.template.spec.containers[0].env[0].value",
            "spec.template.spec.containers[0].env[1].value",
            "spec.template.spec.containers[0].env[2].value",
            "spec.template.spec.initContainers[0].env[0].value");
    assertThat(result.findings())
        .extracting(Finding::message)
        .noneMatch(
            message ->
                message.contains(PASSWORD) || message.contains("eyJ") || message.contains("MIIE"));
  }

  @Test
  void shouldFailAConfigMapLoadedIntoTheEnvironmentThatHoldsASecret() {
    RuleResult result =
        check(
            deployment(
                "web",
                podSpec(
                    container("web")
                        .addNewEnvFrom()
                        .withNewConfigMapRef()
                        .withName("web-config")
                        .endConfigMapRef()
                        .endEnvFrom()
                        .build())),
            configMap(Map.of("LOG_LEVEL", "info", "SMTP_PASSWORD", PASSWORD, "app.token", JWT)));

    assertThat(result.objectsChecked()).isEqualTo(2);
    assertThat(result.findings())
        .extracting(Finding::severity, Finding::kind, Finding::field)
        .containsExactly(
            tuple(Severity.FAIL, "ConfigMap", "data.SMTP_PASSWORD"),
            tuple(Severity.FAIL, "ConfigMap", "data['app.token']"));
  }

  @Test
  void shouldFailASecretLikeVariableReadFromAConfigMap() {
    EnvVar fromConfigMap =
        new EnvVarBuilder()
            .withName("SMTP_PASSWORD")
            .withNewValueFrom()
            .withNewConfigMapKeyRef()
            .withName("web-config")
            .withKey("smtp-password")
            .endConfigMapKeyRef()
            .endValueFrom()
            .build();

    RuleResult result =
        check(workload(fromConfigMap), configMap(Map.of("smtp-password", PASSWORD)));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(
            tuple(
                Severity.FAIL,
                "spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef"));
  }
}
