package dev.vigil.deploy;

import static dev.vigil.deploy.Chart.at;
import static dev.vigil.deploy.Chart.list;
import static dev.vigil.deploy.Chart.name;
import static dev.vigil.deploy.Chart.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** backup-service's storage backends and CloudNativePG observation, as the chart renders them. */
class BackupStorageValuesTest {

  @Test
  void shouldStoreInS3WithoutAVolumeAndTakeTheKeyOnlyFromSecretRefs() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  backupService:
                    replicas: 2
                    storage:
                      kind: s3
                      s3:
                        bucket: platform-backups
                        prefix: prod
                        existingSecret: backup-s3
                """));

    Map<String, Object> deployment = backupDeployment(documents);
    List<Map<String, Object>> env = env(deployment);
    assertThat(value(env, "VIGIL_BACKUPS_STORAGE_KIND")).contains("s3");
    assertThat(value(env, "VIGIL_BACKUPS_STORAGE_S3_BUCKET")).contains("platform-backups");
    assertThat(value(env, "VIGIL_BACKUPS_STORAGE_DIRECTORY")).isEmpty();
    for (String[] secret :
        new String[][] {
          {"AWS_ACCESS_KEY_ID", "access-key-id"}, {"AWS_SECRET_ACCESS_KEY", "secret-access-key"}
        }) {
      Map<String, Object> variable = variable(env, secret[0]).orElseThrow();
      assertThat(variable).doesNotContainKey("value");
      assertThat((Object) at(variable, "valueFrom", "secretKeyRef"))
          .isEqualTo(Map.of("name", "backup-s3", "key", secret[1]));
    }
    assertThat(list(deployment, "spec", "template", "spec", "volumes"))
        .extracting(volume -> volume.get("name"))
        .doesNotContain("backup-storage");
    assertThat(ofKind(documents, "PersistentVolumeClaim")).isEmpty();
    assertThat((Object) at(deployment, "spec", "strategy", "type")).isEqualTo("RollingUpdate");
  }

  @Test
  void shouldLabelPodsForAzureWorkloadIdentityAndRequireTheEndpoint() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  backupService:
                    storage:
                      kind: azure-blob
                      azure:
                        container: backups
                        endpoint: https://acct.blob.core.windows.net
                """));

    Map<String, Object> deployment = backupDeployment(documents);
    assertThat(Chart.map(deployment, "spec", "template", "metadata", "labels"))
        .containsEntry("azure.workload.identity/use", "true");
    assertThat(value(env(deployment), "VIGIL_BACKUPS_STORAGE_AZURE_ENDPOINT"))
        .contains("https://acct.blob.core.windows.net");
    assertThat(variable(env(deployment), "VIGIL_BACKUPS_STORAGE_AZURE_CONNECTION_STRING"))
        .isEmpty();

    assertThatThrownBy(
            () ->
                Chart.renderWith(
                    """
                    services:
                      backupService:
                        storage:
                          kind: azure-blob
                          azure:
                            container: backups
                            auth: connection-string
                    """))
        .hasMessageContaining("services.backupService.storage.azure.existingSecret is required");
  }

  @Test
  void shouldGrantOnlyReadsOfCnpgBackupObjectsInTheObservedNamespaces() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  backupService:
                    cnpg:
                      namespaces: [db, payments]
                """));

    List<Map<String, Object>> roles =
        ofKind(documents, "Role").stream()
            .filter(role -> name(role).equals("vigil-backup-service-cnpg"))
            .toList();
    assertThat(roles)
        .extracting(role -> at(role, "metadata", "namespace"))
        .containsExactlyInAnyOrder("db", "payments");
    assertThat(roles)
        .allSatisfy(
            role ->
                assertThat(list(role, "rules"))
                    .containsExactly(
                        Map.of(
                            "apiGroups", List.of("postgresql.cnpg.io"),
                            "resources", List.of("backups", "scheduledbackups"),
                            "verbs", List.of("get", "list", "watch"))));
    Map<String, Object> deployment = backupDeployment(documents);
    assertThat(value(env(deployment), "VIGIL_BACKUPS_CNPG_NAMESPACES")).contains("db,payments");
    assertThat((Object) at(deployment, "spec", "template", "spec", "automountServiceAccountToken"))
        .isEqualTo(true);
  }

  private static Map<String, Object> backupDeployment(List<Map<String, Object>> documents) {
    return ofKind(documents, "Deployment").stream()
        .filter(d -> name(d).equals("vigil-backup-service"))
        .findFirst()
        .orElseThrow();
  }

  private static List<Map<String, Object>> env(Map<String, Object> deployment) {
    return list(list(deployment, "spec", "template", "spec", "containers").get(0), "env");
  }

  private static Optional<Map<String, Object>> variable(
      List<Map<String, Object>> env, String name) {
    return env.stream().filter(v -> name.equals(v.get("name"))).findFirst();
  }

  private static Optional<Object> value(List<Map<String, Object>> env, String name) {
    return variable(env, name).map(v -> v.get("value"));
  }
}
