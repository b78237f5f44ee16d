package dev.vigil.gateway.posture.rules;

import static dev.vigil.gateway.posture.TestWorkloads.NOW;
import static dev.vigil.gateway.posture.TestWorkloads.container;
import static dev.vigil.gateway.posture.TestWorkloads.deployment;
import static dev.vigil.gateway.posture.TestWorkloads.settings;
import static dev.vigil.gateway.posture.TestWorkloads.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class SecretFileModeRuleTest {

  final SecretFileModeRule rule = new SecretFileModeRule();

  RuleResult check(Volume... volumes) {
    Deployment deployment =
        deployment(
            "web",
            new PodSpecBuilder()
                .withContainers(container("web").build())
                .withVolumes(volumes)
                .build());
    return rule.check(snapshot(deployment), settings(), NOW);
  }

  static Volume emptyDir() {
    return new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build();
  }

  static Volume secret(Integer defaultMode, KeyToPath... items) {
    return new VolumeBuilder()
        .withName("credentials")
        .withNewSecret()
        .withSecretName("app-credentials")
        .withDefaultMode(defaultMode)
        .withItems(items)
        .endSecret()
        .build();
  }

  static KeyToPath item(String key, Integer mode) {
    return new KeyToPath(key, mode, key);
  }

  @Test
  void shouldPassSecretFilesOnlyTheOwnerCanRead() {
    RuleResult result =
        check(emptyDir(), secret(0400), secret(0600), secret(null, item("a", 0400)));

    assertThat(result.control()).isEqualTo("ENV-03");
    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.findings()).isEmpty();
    assertThat(result.objectsChecked()).isEqualTo(1);
  }

  @Test
  void shouldFailTheKubernetesDefaultMode() {
    RuleResult result = check(emptyDir(), secret(null));

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.findings())
        .extracting(Finding::control, Finding::severity, Finding::field)
        .containsExactly(
            tuple("ENV-03", Severity.FAIL, "spec.template.spec.volumes[1].secret.defaultMode"));
    assertThat(result.findings().get(0).message()).contains("mode 0644, the default when unset");
  }

  @Test
  void shouldWarnAboutGroupReadableSecretFiles() {
    RuleResult result = check(secret(0440));

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(tuple(Severity.WARN, "spec.template.spec.volumes[0].secret.defaultMode"));
    assertThat(result.findings().get(0).message()).contains("0440");
  }

  @Test
  void shouldLetAnItemModeOverrideTheDefault() {
    RuleResult result = check(secret(0400, item("a", 0644), item("b", null)));

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(
            tuple(Severity.FAIL, "spec.template.spec.volumes[0].secret.items[0].mode"));
  }

  @Test
  void shouldCheckSecretSourcesOfProjectedVolumes() {
    Volume projected =
        new VolumeBuilder()
            .withName("bundle")
            .withNewProjected()
            .withDefaultMode(0444)
            .addNewSource()
            .withNewConfigMap()
            .withName("ca")
            .endConfigMap()
            .endSource()
            .addNewSource()
            .withNewSecret()
            .withName("client-cert")
            .withItems(item("tls.key", 0640), item("tls.crt", null))
            .endSecret()
            .endSource()
            .endProjected()
            .build();

    RuleResult result = check(projected);

    assertThat(result.findings())
        .extracting(Finding::severity, Finding::field)
        .containsExactly(
            tuple(Severity.FAIL, "spec.template.spec.volumes[0].projected.defaultMode"),
            tuple(
                Severity.WARN,
                "spec.template.spec.volumes[0].projected.sources[1].secret.items[0].mode"));
  }

  @Test
  void shouldBeUnknownWithoutSecretVolumes() {
    RuleResult result = check(emptyDir());

    assertThat(result.status()).isEqualTo(ControlStatus.UNKNOWN);
    assertThat(result.summary()).isEqualTo("no workload mounts a secret volume");
  }
}
