package dev.vigil.deploy;

import static dev.vigil.deploy.Chart.at;
import static dev.vigil.deploy.Chart.list;
import static dev.vigil.deploy.Chart.map;
import static dev.vigil.deploy.Chart.name;
import static dev.vigil.deploy.Chart.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each service its own database roles: a runtime role in its pods, a NOLOGIN schema owner that only
 * the pre-install/pre-upgrade migration Jobs become, with credentials no service pod gets; and
 * audit-log-service's pinned checkpoint key from a Secret.
 */
class DatabaseRolesChartTest {

  static final Map<String, String> SHORT =
      Map.of(
          "gateway", "gateway",
          "key-service", "keys",
          "backup-service", "backups",
          "access-review-service", "access",
          "audit-log-service", "audit");

  static List<Map<String, Object>> documents;

  @BeforeAll
  static void render() {
    documents =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  auditLogService:
                    checkpoint:
                      trustedPublicKeys: [MCowBQYDK2VwAyEAb2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleQ==]
                """));
  }

  @Test
  void shouldRunEachServicesMigrationsInAPreInstallAndPreUpgradeHookJobAsItsSchemaOwner() {
    List<Map<String, Object>> jobs = ofKind(documents, "Job");
    assertThat(jobs)
        .extracting(Chart::name)
        .containsExactlyInAnyOrderElementsOf(
            SHORT.keySet().stream().map(service -> "vigil-" + service + "-migrate").toList());
    for (Map<String, Object> job : jobs) {
      String service = name(job).replaceFirst("^vigil-", "").replaceFirst("-migrate$", "");
      String role = SHORT.get(service);
      Map<String, Object> pod = map(job, "spec", "template", "spec");
      assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
      Map<String, Object> container = list(pod, "containers").get(0);
      assertThat(container.get("image")).isEqualTo("ghcr.io/vigil/" + service + ":0.1.0");
      assertThat(Chart.<Object>at(container, "securityContext", "readOnlyRootFilesystem"))
          .isEqualTo(true);
      Map<String, String> env = values(container);
      assertThat(env)
          .containsEntry("QUARKUS_INIT_AND_EXIT", "true")
          .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true")
          .containsEntry("QUARKUS_FLYWAY_INIT_SQL", "SET ROLE vigil_" + role + "_owner")
          .containsEntry("VIGIL_DB_USER", "vigil_" + role + "_migrator");
      assertThat(secretRef(container, "VIGIL_DB_PASSWORD"))
          .isEqualTo(Map.of("name", "vigil-db-migrations", "key", role));
      assertThat(secretNames(container)).containsExactly("vigil-db-migrations");
      list(container, "env").stream()
          .filter(var -> RenderedManifestsTest.SECRET_LIKE.matcher((String) var.get("name")).find())
          .forEach(var -> assertThat(var).doesNotContainKey("value"));
    }
  }

  @Test
  void shouldMakeTheMigrationJobsPreInstallAndPreUpgradeHooksUnlessRenderedAsPlainManifests()
      throws Exception {
    // Helm keeps hooks apart from the release manifest (helm-java's template shows the manifest
    // only): with hooks on, the Jobs and their policy leave the manifest, the Deployments stay.
    List<Map<String, Object>> hooked =
        Chart.parse(Chart.renderWith("database:\n  migrations:\n    helmHook: true\n"));
    assertThat(ofKind(hooked, "Job")).isEmpty();
    assertThat(ofKind(hooked, "NetworkPolicy"))
        .extracting(Chart::name)
        .doesNotContain("vigil-migrations");
    assertThat(ofKind(hooked, "Deployment")).hasSize(SHORT.size());
    assertThat(ofKind(documents, "Job"))
        .allSatisfy(job -> assertThat(map(job, "metadata", "annotations")).isEmpty());
    String template = Files.readString(Chart.CHART_DIR.resolve("templates/migration-job.yaml"));
    assertThat(template)
        .contains("helm.sh/hook: pre-install,pre-upgrade")
        .contains("{{- if $migrations.helmHook }}");
  }

  @Test
  void shouldGiveServicePodsOnlyTheirOwnRuntimeRoleAndNeverTheMigrationSecret() {
    List<Map<String, Object>> deployments = ofKind(documents, "Deployment");
    assertThat(deployments).hasSize(SHORT.size());
    for (Map<String, Object> deployment : deployments) {
      Map<String, Object> container =
          list(deployment, "spec", "template", "spec", "containers").get(0);
      String role = SHORT.get((String) container.get("name"));
      Map<String, String> env = values(container);
      assertThat(env)
          .containsEntry("VIGIL_DB_USER", "vigil_" + role + "_app")
          .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false")
          .doesNotContainKey("QUARKUS_FLYWAY_INIT_SQL");
      assertThat(secretRef(container, "VIGIL_DB_PASSWORD"))
          .isEqualTo(Map.of("name", "vigil-db", "key", role + "-password"));
      assertThat(secretNames(container)).doesNotContain("vigil-db-migrations");
      assertThat(env.values()).noneMatch(value -> value != null && value.contains("_owner"));
    }
    assertThat(ofKind(documents, "Secret")).as("the chart never creates a Secret").isEmpty();
  }

  @Test
  void shouldRefuseTwoServicesSharingADatabaseRole() {
    assertThatThrownBy(
            () ->
                Chart.templateWithRenderValues()
                    .set("services.keyService.database.user", "vigil_gateway_app")
                    .call())
        .hasMessageContaining("services.keyService.database.user is vigil_gateway_app")
        .hasMessageContaining("every service needs its own database roles");
  }

  @Test
  void shouldRequireTheMigrationSecretAndTheCheckpointKey() {
    for (String value :
        List.of(
            "database.migrations.existingSecret",
            "services.auditLogService.checkpoint.existingSecret")) {
      assertThatThrownBy(() -> Chart.templateWithRenderValues().set(value, "").call())
          .hasMessageContaining(value + " is required: ")
          .hasMessageContaining("--set " + value + "=");
    }
  }

  @Test
  void shouldGiveAuditLogServiceItsPruneRoleAndPinnedCheckpointKeysOnlyThroughSecrets() {
    Map<String, Object> audit =
        ofKind(documents, "Deployment").stream()
            .filter(deployment -> "vigil-audit-log-service".equals(name(deployment)))
            .findFirst()
            .orElseThrow();
    Map<String, Object> container = list(audit, "spec", "template", "spec", "containers").get(0);
    assertThat(values(container))
        .containsEntry("VIGIL_AUDIT_DB_APP_USER", "vigil_audit_app")
        .containsEntry("VIGIL_AUDIT_DB_PRUNE_ROLE", "vigil_audit_pruner")
        .containsEntry(
            "VIGIL_AUDIT_CHECKPOINT_TRUSTED_PUBLIC_KEYS",
            "MCowBQYDK2VwAyEAb2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleQ==");
    assertThat(secretRef(container, "VIGIL_AUDIT_CHECKPOINT_PRIVATE_KEY"))
        .isEqualTo(Map.of("name", "vigil-audit-checkpoint-key", "key", "private-key"));
    assertThat(secretRef(container, "VIGIL_AUDIT_CHECKPOINT_PUBLIC_KEY"))
        .isEqualTo(Map.of("name", "vigil-audit-checkpoint-key", "key", "public-key"));
    Map<String, Object> job =
        ofKind(documents, "Job").stream()
            .filter(j -> "vigil-audit-log-service-migrate".equals(name(j)))
            .findFirst()
            .orElseThrow();
    Map<String, Object> migrate = list(job, "spec", "template", "spec", "containers").get(0);
    assertThat(values(migrate))
        .containsEntry("VIGIL_AUDIT_DB_APP_USER", "vigil_audit_app")
        .containsEntry("VIGIL_AUDIT_DB_PRUNE_ROLE", "vigil_audit_pruner")
        .doesNotContainKeys(
            "VIGIL_AUDIT_CHECKPOINT_PRIVATE_KEY",
            "VIGIL_AUDIT_DB_APP_PASSWORD",
            "VIGIL_AUDIT_CHECKPOINT_PUBLIC_KEY");
  }

  @Test
  void shouldLetMigrationPodsReachTheDatabaseDespiteTheDefaultDeny() {
    Map<String, Object> policy =
        ofKind(documents, "NetworkPolicy").stream()
            .filter(p -> "vigil-migrations".equals(name(p)))
            .findFirst()
            .orElseThrow();
    assertThat(Chart.<Map<String, Object>>at(policy, "spec", "podSelector", "matchLabels"))
        .containsEntry("vigil.dev/migration", "true");
    assertThat(map(policy, "spec")).doesNotContainKey("ingress");
    assertThat(list(policy, "spec", "egress"))
        .anySatisfy(
            rule ->
                assertThat(list(rule, "ports"))
                    .anySatisfy(port -> assertThat(port.get("port")).isEqualTo(5432)));
    for (Map<String, Object> job : ofKind(documents, "Job")) {
      assertThat(Chart.<Map<String, Object>>at(job, "spec", "template", "metadata", "labels"))
          .containsEntry("vigil.dev/migration", "true")
          .containsEntry("app.kubernetes.io/instance", "vigil");
    }
  }

  private static Map<String, String> values(Map<String, Object> container) {
    Map<String, String> values = new HashMap<>();
    list(container, "env")
        .forEach(var -> values.put((String) var.get("name"), (String) var.get("value")));
    return values;
  }

  private static Map<String, Object> secretRef(Map<String, Object> container, String variable) {
    return list(container, "env").stream()
        .filter(var -> variable.equals(var.get("name")))
        .findFirst()
        .map(var -> Chart.<Map<String, Object>>at(var, "valueFrom", "secretKeyRef"))
        .orElseThrow(() -> new AssertionError(variable + " is not set"));
  }

  private static List<String> secretNames(Map<String, Object> container) {
    return list(container, "env").stream()
        .filter(var -> at(var, "valueFrom", "secretKeyRef", "name") != null)
        .map(var -> Chart.<String>at(var, "valueFrom", "secretKeyRef", "name"))
        .distinct()
        .collect(Collectors.toList());
  }
}
