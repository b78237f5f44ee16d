package dev.vigil.deploy;

import static dev.vigil.deploy.Chart.list;
import static dev.vigil.deploy.Chart.map;
import static dev.vigil.deploy.Chart.name;
import static dev.vigil.deploy.Chart.ofKind;
import static dev.vigil.deploy.Chart.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security and shape checks on the rendered manifests: the default render (k8s/render-values.yaml)
 * and a render with every optional feature switched on.
 */
class RenderedManifestsTest {

  static final List<String> SERVICES =
      List.of(
          "gateway", "key-service", "backup-service", "access-review-service", "audit-log-service");

  static final String ALL_FEATURES =
      """
      ingress:
        enabled: true
        host: vigil.example.com
      services:
        gateway:
          replicas: 3
          extraEnv:
            - name: EXTRA_API_TOKEN
              valueFrom:
                secretKeyRef:
                  name: gateway-extra
                  key: token
        keyService:
          rbac:
            secretNamespaces: [platform, payments]
        backupService:
          replicas: 2
          storage:
            accessMode: ReadWriteMany
            storageClassName: nfs-client
          restoreServer:
            host: restore-pg.db.svc
            port: 5433
            existingSecret: vigil-restore
            existingSecretPasswordKey: password
          rbac:
            passwordSecrets:
              - namespace: platform
                names: [orders-db, billing-db]
          egress:
            - to:
                - ipBlock:
                    cidr: 10.20.0.0/16
              ports:
                - protocol: TCP
                  port: 5433
      networkPolicy:
        metricsFrom:
          - namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: monitoring
      """;

  /**
   * A word of the name says it holds a secret (VIGIL_DB_PASSWORD; not VIGIL_ROUTES_KEYS, a URL).
   */
  static final Pattern SECRET_LIKE =
      Pattern.compile("(^|_)(PASSWORD|SECRET|KEY|TOKEN|PEPPER|CREDENTIALS?)(_|$)");

  /** Memory request and limit by service: backup-service runs pg_dump and pg_restore too. */
  static final Map<String, List<String>> MEMORY =
      Map.of(
          "gateway", List.of("256Mi", "512Mi"),
          "key-service", List.of("256Mi", "512Mi"),
          "backup-service", List.of("384Mi", "768Mi"),
          "access-review-service", List.of("256Mi", "512Mi"),
          "audit-log-service", List.of("256Mi", "512Mi"));

  static List<Map<String, Object>> defaults;
  static List<Map<String, Object>> allFeatures;

  @BeforeAll
  static void render() {
    defaults = Chart.parse(Chart.templateWithRenderValues().call());
    allFeatures = Chart.parse(Chart.renderWith(ALL_FEATURES));
  }

  static Stream<List<Map<String, Object>>> renders() {
    return Stream.of(defaults, allFeatures);
  }

  static Stream<Map<String, Object>> deployments() {
    return renders().flatMap(documents -> ofKind(documents, "Deployment").stream());
  }

  static Stream<Map<String, Object>> containers() {
    return deployments()
        .flatMap(deployment -> list(deployment, "spec", "template", "spec", "containers").stream());
  }

  @Test
  void shouldRenderOneDeploymentServiceAccountServiceAndBudgetPerService() {
    List<String> expected = SERVICES.stream().map(service -> "vigil-" + service).toList();
    for (String kind : List.of("Deployment", "Service", "ServiceAccount", "PodDisruptionBudget")) {
      assertThat(ofKind(defaults, kind))
          .as(kind)
          .extracting(Chart::name)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(ofKind(defaults, "Secret")).as("the chart never creates a Secret").isEmpty();
    assertThat(ofKind(allFeatures, "Secret")).as("the chart never creates a Secret").isEmpty();
    assertThat(ofKind(defaults, "PersistentVolumeClaim"))
        .extracting(Chart::name)
        .containsExactly("vigil-backup-storage");
    assertThat(ofKind(defaults, "ClusterRole")).isEmpty();
    assertThat(ofKind(defaults, "ClusterRoleBinding")).isEmpty();
  }

  @Test
  void shouldHardenEveryContainer() {
    assertThat(containers()).hasSize(2 * SERVICES.size());
    containers()
        .forEach(
            container -> {
              String name = (String) container.get("name");
              Map<String, Object> security = map(container, "securityContext");
              assertThat(security.get("runAsNonRoot")).as(name + " runAsNonRoot").isEqualTo(true);
              assertThat((Integer) security.get("runAsUser")).as(name + " runAsUser").isPositive();
              assertThat(security.get("readOnlyRootFilesystem"))
                  .as(name + " readOnlyRootFilesystem")
                  .isEqualTo(true);
              assertThat(security.get("allowPrivilegeEscalation"))
                  .as(name + " allowPrivilegeEscalation")
                  .isEqualTo(false);
              assertThat(security.get("privileged")).as(name + " privileged").isEqualTo(false);
              assertThat(Chart.<List<String>>at(security, "capabilities", "drop"))
                  .as(name + " capabilities.drop")
                  .containsExactly("ALL");
              assertThat(Chart.<List<String>>at(security, "capabilities", "add"))
                  .as(name + " capabilities.add")
                  .isNull();
              assertThat(Chart.<String>at(security, "seccompProfile", "type"))
                  .isEqualTo("RuntimeDefault");
              assertThat(Chart.<String>at(container, "resources", "limits", "memory"))
                  .as(name + " memory limit")
                  .isEqualTo(MEMORY.get(name).get(1));
              assertThat(Chart.<String>at(container, "resources", "limits", "cpu")).isNotBlank();
              assertThat(Chart.<String>at(container, "resources", "requests", "memory"))
                  .as(name + " memory request")
                  .isEqualTo(MEMORY.get(name).get(0));
              assertThat(Chart.<String>at(container, "resources", "requests", "cpu")).isNotBlank();
              assertThat(list(container, "ports"))
                  .singleElement()
                  .satisfies(
                      port -> {
                        assertThat(port.get("containerPort")).isEqualTo(8080);
                        assertThat(port.get("name")).isEqualTo("http");
                      });
              assertProbe(container, "livenessProbe", "/q/health/live");
              assertProbe(container, "readinessProbe", "/q/health/ready");
              assertProbe(container, "startupProbe", "/q/health/started");
              List<String> mountPaths =
                  name.equals("backup-service")
                      ? List.of(
                          "/tmp",
                          "/etc/vigil/backup-kek",
                          "/var/lib/vigil/backups",
                          "/var/lib/vigil/restore-work")
                      : List.of("/tmp");
              assertThat(list(container, "volumeMounts"))
                  .as(name + " volumeMounts")
                  .extracting(mount -> mount.get("mountPath"))
                  .containsExactlyElementsOf(mountPaths);
            });
  }

  private static void assertProbe(Map<String, Object> container, String probe, String path) {
    assertThat(Chart.<String>at(container, probe, "httpGet", "path"))
        .as(container.get("name") + " " + probe)
        .isEqualTo(path);
    assertThat(Chart.<Object>at(container, probe, "httpGet", "port")).isEqualTo("http");
  }

  @Test
  void shouldHardenEveryPod() {
    deployments()
        .forEach(
            deployment -> {
              Map<String, Object> pod = map(deployment, "spec", "template", "spec");
              String name = name(deployment);
              assertThat(value(pod, "securityContext", "runAsNonRoot")).as(name).isEqualTo(true);
              assertThat(Chart.<Integer>at(pod, "securityContext", "runAsUser")).isEqualTo(185);
              assertThat(Chart.<String>at(pod, "securityContext", "seccompProfile", "type"))
                  .isEqualTo("RuntimeDefault");
              assertThat(pod.get("terminationGracePeriodSeconds")).isEqualTo(30);
              List<Map<String, Object>> volumes = list(pod, "volumes");
              assertThat(volumes.get(0).get("name")).isEqualTo("tmp");
              assertThat(volumes.get(0)).containsKey("emptyDir");
              assertThat(volumes)
                  .extracting(volume -> volume.get("name"))
                  .as(name + " volumes")
                  .containsExactlyElementsOf(
                      name.equals("vigil-backup-service")
                          ? List.of("tmp", "backup-kek", "backup-storage", "restore-work")
                          : List.of("tmp"));
              assertThat(pod.get("serviceAccountName")).isEqualTo(name);
              assertThat(pod.get("automountServiceAccountToken"))
                  .as(name + " automountServiceAccountToken")
                  .isEqualTo(needsApi(name, deployment));
            });
    for (Map<String, Object> account : ofKind(defaults, "ServiceAccount")) {
      boolean needsApi =
          name(account).equals("vigil-gateway") || name(account).equals("vigil-key-service");
      assertThat(account.get("automountServiceAccountToken")).as(name(account)).isEqualTo(needsApi);
    }
    // With target password Secrets, backup-service talks to the API: its token is mounted.
    assertThat(ofKind(allFeatures, "ServiceAccount"))
        .filteredOn(account -> name(account).equals("vigil-backup-service"))
        .singleElement()
        .satisfies(
            account -> assertThat(account.get("automountServiceAccountToken")).isEqualTo(true));
  }

  /**
   * Whether a Deployment's pods mount a token: the gateway and key-service always, backup-service
   * only in the render that gives it target password Secrets.
   */
  private static boolean needsApi(String name, Map<String, Object> deployment) {
    if (name.equals("vigil-backup-service")) {
      return ofKind(allFeatures, "Deployment").stream().anyMatch(d -> d == deployment);
    }
    return name.equals("vigil-gateway") || name.equals("vigil-key-service");
  }

  @Test
  void shouldRenderOnlyClusterIpServices() {
    renders()
        .flatMap(documents -> ofKind(documents, "Service").stream())
        .forEach(
            service -> {
              assertThat(value(service, "spec", "type")).as(name(service)).isEqualTo("ClusterIP");
              assertThat(list(service, "spec", "ports"))
                  .allSatisfy(port -> assertThat(port).doesNotContainKey("nodePort"));
              assertThat(map(service, "spec")).doesNotContainKeys("externalIPs", "externalName");
            });
  }

  @Test
  void shouldUseNoHostNetworkingOrHostPorts() {
    deployments()
        .forEach(
            deployment -> {
              Map<String, Object> pod = map(deployment, "spec", "template", "spec");
              assertThat(pod).doesNotContainKeys("hostNetwork", "hostPID", "hostIPC");
              assertThat(list(pod, "volumes"))
                  .allSatisfy(volume -> assertThat(volume).doesNotContainKey("hostPath"));
            });
    containers()
        .forEach(
            container ->
                assertThat(list(container, "ports"))
                    .allSatisfy(port -> assertThat(port).doesNotContainKey("hostPort")));
  }

  @Test
  void shouldTakeEverySecretLikeEnvVarFromASecret() {
    containers()
        .forEach(
            container -> {
              List<Map<String, Object>> env = list(container, "env");
              assertThat(env).extracting(var -> var.get("name")).contains("VIGIL_DB_PASSWORD");
              env.stream()
                  .filter(var -> SECRET_LIKE.matcher((String) var.get("name")).find())
                  .forEach(
                      var -> {
                        assertThat(var)
                            .as("%s in %s", var.get("name"), container.get("name"))
                            .doesNotContainKey("value");
                        assertThat(Chart.<String>at(var, "valueFrom", "secretKeyRef", "name"))
                            .as("%s secretKeyRef", var.get("name"))
                            .isNotBlank();
                        assertThat(Chart.<String>at(var, "valueFrom", "secretKeyRef", "key"))
                            .isNotBlank();
                      });
            });
    // The default render reads each runtime password from the placeholder Secret vigil-db, under
    // the service's own key.
    for (Map<String, Object> deployment : ofKind(defaults, "Deployment")) {
      Map<String, Object> container =
          list(deployment, "spec", "template", "spec", "containers").get(0);
      String key = DatabaseRolesChartTest.SHORT.get((String) container.get("name")) + "-password";
      Map<String, Object> password =
          list(container, "env").stream()
              .filter(var -> "VIGIL_DB_PASSWORD".equals(var.get("name")))
              .findFirst()
              .orElseThrow();
      assertThat(Chart.<Map<String, Object>>at(password, "valueFrom", "secretKeyRef"))
          .isEqualTo(Map.of("name", "vigil-db", "key", key));
    }
  }

  @Test
  void shouldSetTheServiceEnvironment() {
    Map<String, String> databases =
        Map.of(
            "gateway", "vigil_gateway",
            "key-service", "vigil_keys",
            "backup-service", "vigil_backups",
            "access-review-service", "vigil_access",
            "audit-log-service", "vigil_audit");
    for (Map<String, Object> deployment : ofKind(defaults, "Deployment")) {
      Map<String, Object> container =
          list(deployment, "spec", "template", "spec", "containers").get(0);
      String service = (String) container.get("name");
      Map<String, Object> values = new HashMap<>();
      list(container, "env").forEach(var -> values.put((String) var.get("name"), var.get("value")));
      assertThat(values)
          .containsEntry("VIGIL_DB_HOST", "postgresql")
          .containsEntry("VIGIL_DB_PORT", "5432")
          .containsEntry("VIGIL_DB_NAME", databases.get(service))
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
          .containsEntry("VIGIL_OIDC_AUTHORITY", "https://login.microsoftonline.com")
          .containsEntry("VIGIL_OIDC_TENANT_ID", "CHANGE-ME-tenant-id")
          .containsEntry("VIGIL_OIDC_CLIENT_ID", "CHANGE-ME-client-id")
          .containsKey("VIGIL_DB_USER")
          .doesNotContainKey("QUARKUS_PROFILE");
      assertThat(container.get("image")).isEqualTo("ghcr.io/vigil/" + service + ":0.1.0");
    }
  }

  @Test
  void shouldSelectOnlyByNameAndInstanceLabels() {
    Set<String> selectorKeys = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance");
    deployments()
        .forEach(
            deployment -> {
              Map<String, Object> selector = map(deployment, "spec", "selector", "matchLabels");
              assertThat(selector.keySet()).as(name(deployment)).isEqualTo(selectorKeys);
              assertThat(selector)
                  .containsEntry("app.kubernetes.io/name", name(deployment))
                  .containsEntry("app.kubernetes.io/instance", "vigil");
              assertThat(map(deployment, "spec", "selector")).containsOnlyKeys("matchLabels");
              assertThat(map(deployment, "spec", "template", "metadata", "labels"))
                  .containsAllEntriesOf(selector);
            });
    renders()
        .flatMap(documents -> ofKind(documents, "Service").stream())
        .forEach(
            service ->
                assertThat(map(service, "spec", "selector").keySet()).isEqualTo(selectorKeys));
    renders()
        .flatMap(documents -> ofKind(documents, "PodDisruptionBudget").stream())
        .forEach(
            budget ->
                assertThat(map(budget, "spec", "selector", "matchLabels").keySet())
                    .isEqualTo(selectorKeys));
  }

  @Test
  void shouldLabelEveryResourceWithTheStandardLabels() {
    renders()
        .flatMap(List::stream)
        .forEach(
            resource -> {
              Map<String, Object> labels = map(resource, "metadata", "labels");
              assertThat(labels)
                  .as("%s %s", resource.get("kind"), name(resource))
                  .containsEntry("app.kubernetes.io/instance", "vigil")
                  .containsEntry("app.kubernetes.io/version", "0.1.0")
                  .containsEntry("app.kubernetes.io/part-of", "vigil")
                  .containsEntry("app.kubernetes.io/managed-by", "Helm")
                  .containsEntry("helm.sh/chart", "vigil-0.1.0");
              assertThat(value(resource, "metadata", "namespace"))
                  .as("namespace of %s", name(resource))
                  .isNotNull();
            });
    for (Map<String, Object> deployment : ofKind(defaults, "Deployment")) {
      String component = name(deployment).substring("vigil-".length());
      assertThat(map(deployment, "metadata", "labels"))
          .containsEntry("app.kubernetes.io/name", name(deployment))
          .containsEntry("app.kubernetes.io/component", component);
    }
  }

  @Test
  void shouldBudgetDisruptionsByReplicaCount() {
    Map<String, Object> single =
        ofKind(defaults, "PodDisruptionBudget").stream()
            .filter(budget -> name(budget).equals("vigil-gateway"))
            .findFirst()
            .orElseThrow();
    assertThat(map(single, "spec"))
        .containsEntry("maxUnavailable", 1)
        .doesNotContainKey("minAvailable");
    Map<String, Object> replicated =
        ofKind(allFeatures, "PodDisruptionBudget").stream()
            .filter(budget -> name(budget).equals("vigil-gateway"))
            .findFirst()
            .orElseThrow();
    assertThat(map(replicated, "spec"))
        .containsEntry("minAvailable", 1)
        .doesNotContainKey("maxUnavailable");
  }

  static Map<String, Object> backupDeployment(List<Map<String, Object>> documents) {
    return ofKind(documents, "Deployment").stream()
        .filter(deployment -> name(deployment).equals("vigil-backup-service"))
        .findFirst()
        .orElseThrow();
  }

  static Map<String, Object> backupContainer(List<Map<String, Object>> documents) {
    return list(backupDeployment(documents), "spec", "template", "spec", "containers").get(0);
  }

  static Map<String, Object> byName(List<Map<String, Object>> items, String name) {
    return items.stream()
        .filter(item -> name.equals(item.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("nothing named " + name));
  }

  static Map<String, String> literalEnv(Map<String, Object> container) {
    Map<String, String> values = new HashMap<>();
    list(container, "env")
        .forEach(var -> values.put((String) var.get("name"), (String) var.get("value")));
    return values;
  }

  @Test
  void shouldMountTheKekSecretReadOnlyAndNeverCreateIt() {
    renders()
        .forEach(
            documents -> {
              Map<String, Object> pod =
                  map(backupDeployment(documents), "spec", "template", "spec");
              Map<String, Object> kek = byName(list(pod, "volumes"), "backup-kek");
              assertThat(map(kek, "secret"))
                  .containsEntry("secretName", "vigil-backup-kek")
                  .containsEntry("defaultMode", 0400)
                  .containsEntry(
                      "items", List.of(Map.of("key", "keyset.json", "path", "keyset.json")));
              Map<String, Object> container = backupContainer(documents);
              assertThat(byName(list(container, "volumeMounts"), "backup-kek"))
                  .containsEntry("mountPath", "/etc/vigil/backup-kek")
                  .containsEntry("readOnly", true);
              assertThat(literalEnv(container))
                  .containsEntry(
                      "VIGIL_BACKUPS_ENCRYPTION_KEK_FILE", "/etc/vigil/backup-kek/keyset.json");
              assertThat(ofKind(documents, "Secret")).isEmpty();
            });
    // Another Secret and key: the service still finds the file at the same path.
    Map<String, Object> renamed =
        map(
            backupDeployment(
                Chart.parse(
                    Chart.renderWith(
                        """
                        services:
                          backupService:
                            encryption:
                              kekSecret: prod-backup-kek
                              kekSecretKey: kek.json
                        """))),
            "spec",
            "template",
            "spec");
    assertThat(map(byName(list(renamed, "volumes"), "backup-kek"), "secret"))
        .containsEntry("secretName", "prod-backup-kek")
        .containsEntry("items", List.of(Map.of("key", "kek.json", "path", "keyset.json")));
  }

  @Test
  void shouldKeepTheBackupStorageClaimOnUninstall() {
    Map<String, Object> claim = ofKind(defaults, "PersistentVolumeClaim").get(0);
    assertThat(name(claim)).isEqualTo("vigil-backup-storage");
    assertThat(map(claim, "metadata", "annotations"))
        .containsEntry("helm.sh/resource-policy", "keep");
    assertThat(value(claim, "spec", "accessModes")).isEqualTo(List.of("ReadWriteOnce"));
    assertThat(value(claim, "spec", "resources", "requests", "storage")).isEqualTo("50Gi");
    assertThat(map(claim, "spec"))
        .as("no storageClassName: the cluster's default class")
        .doesNotContainKey("storageClassName");

    Map<String, Object> pod = map(backupDeployment(defaults), "spec", "template", "spec");
    assertThat(map(byName(list(pod, "volumes"), "backup-storage"), "persistentVolumeClaim"))
        .isEqualTo(Map.of("claimName", "vigil-backup-storage"));
    assertThat(literalEnv(backupContainer(defaults)))
        .containsEntry("VIGIL_BACKUPS_STORAGE_DIRECTORY", "/var/lib/vigil/backups");
    // A ReadWriteOnce volume attaches to one node: the old pod must go before the new one starts.
    assertThat(value(backupDeployment(defaults), "spec", "strategy"))
        .isEqualTo(Map.of("type", "Recreate"));

    Map<String, Object> shared = ofKind(allFeatures, "PersistentVolumeClaim").get(0);
    assertThat(value(shared, "spec", "accessModes")).isEqualTo(List.of("ReadWriteMany"));
    assertThat(value(shared, "spec", "storageClassName")).isEqualTo("nfs-client");
    assertThat(value(backupDeployment(allFeatures), "spec", "strategy", "type"))
        .isEqualTo("RollingUpdate");

    List<Map<String, Object>> existing =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  backupService:
                    storage:
                      existingClaim: backups-on-nas
                """));
    assertThat(ofKind(existing, "PersistentVolumeClaim")).isEmpty();
    Map<String, Object> existingPod = map(backupDeployment(existing), "spec", "template", "spec");
    assertThat(map(byName(list(existingPod, "volumes"), "backup-storage"), "persistentVolumeClaim"))
        .isEqualTo(Map.of("claimName", "backups-on-nas"));
  }

  @Test
  void shouldGiveBackupServiceARestoreWorkVolume() {
    Map<String, Object> pod = map(backupDeployment(defaults), "spec", "template", "spec");
    assertThat(byName(list(pod, "volumes"), "restore-work"))
        .isEqualTo(Map.of("name", "restore-work", "emptyDir", Map.of("sizeLimit", "20Gi")));
    assertThat(literalEnv(backupContainer(defaults)))
        .containsEntry("VIGIL_BACKUPS_RESTORE_WORK_DIRECTORY", "/var/lib/vigil/restore-work");
  }

  @Test
  void shouldGiveTheRestorePasswordOnlyThroughASecretKeyRef() {
    // Default: the database server, the restore tester role, no password.
    Map<String, Object> plain = backupContainer(defaults);
    assertThat(literalEnv(plain))
        .containsEntry("VIGIL_BACKUPS_RESTORE_SERVER_HOST", "postgresql")
        .containsEntry("VIGIL_BACKUPS_RESTORE_SERVER_PORT", "5432")
        .containsEntry("VIGIL_BACKUPS_RESTORE_SERVER_USER", "vigil_restore_tester")
        .doesNotContainKeys("VIGIL_BACKUPS_RESTORE_SERVER_PASSWORD");

    Map<String, Object> container = backupContainer(allFeatures);
    assertThat(literalEnv(container))
        .containsEntry("VIGIL_BACKUPS_RESTORE_SERVER_HOST", "restore-pg.db.svc")
        .containsEntry("VIGIL_BACKUPS_RESTORE_SERVER_PORT", "5433");
    Map<String, Object> password =
        byName(list(container, "env"), "VIGIL_BACKUPS_RESTORE_SERVER_PASSWORD");
    assertThat(password).doesNotContainKey("value");
    assertThat(map(password, "valueFrom"))
        .isEqualTo(Map.of("secretKeyRef", Map.of("name", "vigil-restore", "key", "password")));
    // The password is in no other object of the render.
    assertThat(ofKind(allFeatures, "ConfigMap")).isEmpty();
  }
}
