package dev.vigil.deploy;

import static dev.vigil.deploy.Chart.at;
import static dev.vigil.deploy.Chart.list;
import static dev.vigil.deploy.Chart.map;
import static dev.vigil.deploy.Chart.name;
import static dev.vigil.deploy.Chart.ofKind;
import static dev.vigil.deploy.Chart.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How values change the render: required values, the Ingress, NetworkPolicies and RBAC. */
class ChartValuesTest {

  @Test
  void shouldFailWithAClearMessageWithoutTenantId() {
    assertThatThrownBy(() -> Chart.templateWithRenderValues().set("oidc.tenantId", "").call())
        .hasMessageContaining("oidc.tenantId is required")
        .hasMessageContaining("Microsoft Entra ID tenant ID");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "oidc.clientId",
        "database.host",
        "database.existingSecret",
        "kafka.bootstrapServers"
      })
  void shouldFailWithAClearMessageWithoutARequiredValue(String value) {
    assertThatThrownBy(() -> Chart.templateWithRenderValues().set(value, "").call())
        .hasMessageContaining(value + " is required: ")
        .hasMessageContaining("--set " + value + "=");
  }

  @Test
  void shouldNotNeedTheSharedSecretWhenEveryServiceNamesItsOwn() {
    StringBuilder values = new StringBuilder("database:\n  existingSecret: \"\"\nservices:\n");
    for (String key :
        List.of(
            "gateway", "keyService", "backupService", "accessReviewService", "auditLogService")) {
      values
          .append("  ")
          .append(key)
          .append(":\n    database:\n      existingSecret: ")
          .append(key.toLowerCase())
          .append("-db\n");
    }

    List<Map<String, Object>> documents = Chart.parse(Chart.renderWith(values.toString()));

    assertThat(ofKind(documents, "Deployment"))
        .extracting(deployment -> list(deployment, "spec", "template", "spec", "containers").get(0))
        .flatExtracting(container -> list(container, "env"))
        .filteredOn(var -> "VIGIL_DB_PASSWORD".equals(var.get("name")))
        .extracting(var -> value(var, "valueFrom", "secretKeyRef", "name"))
        .containsExactlyInAnyOrder(
            "gateway-db",
            "keyservice-db",
            "backupservice-db",
            "accessreviewservice-db",
            "auditlogservice-db");
  }

  @Test
  void shouldFailWithoutAnyValuesNamingTheFirstMissingOne() {
    assertThatThrownBy(() -> Chart.template().call())
        .hasMessageContaining("oidc.tenantId is required");
  }

  @Test
  void shouldRejectValuesTheSchemaDoesNotKnow() {
    assertThatThrownBy(() -> Chart.templateWithRenderValues().set("replicaCount", 2).call())
        .hasMessageContaining("replicaCount");
    assertThatThrownBy(
            () ->
                Chart.templateWithRenderValues()
                    .set("services.gateway.imageDigest", "latest")
                    .call())
        .hasMessageContaining("imageDigest");
  }

  @Test
  void shouldRenderNoIngressByDefault() {
    List<Map<String, Object>> documents = Chart.parse(Chart.templateWithRenderValues().call());

    assertThat(ofKind(documents, "Ingress")).isEmpty();
  }

  @Test
  void shouldRenderTheGatewayIngressWithTlsWhenEnabled() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                ingress:
                  enabled: true
                  className: nginx
                  host: vigil.example.com
                  sourceRanges: [10.0.0.0/8, 192.168.0.0/16]
                  tls:
                    secretName: vigil-example-tls
                """));

    assertThat(ofKind(documents, "Ingress"))
        .singleElement()
        .satisfies(
            ingress -> {
              assertThat(name(ingress)).isEqualTo("vigil-gateway");
              assertThat(value(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
              assertThat(list(ingress, "spec", "tls"))
                  .singleElement()
                  .satisfies(
                      tls -> {
                        assertThat(tls.get("secretName")).isEqualTo("vigil-example-tls");
                        assertThat(tls.get("hosts")).isEqualTo(List.of("vigil.example.com"));
                      });
              Map<String, Object> rule = list(ingress, "spec", "rules").get(0);
              assertThat(rule.get("host")).isEqualTo("vigil.example.com");
              assertThat(list(rule, "http", "paths"))
                  .singleElement()
                  .satisfies(
                      path ->
                          assertThat(value(path, "backend", "service", "name"))
                              .isEqualTo("vigil-gateway"));
              assertThat(map(ingress, "metadata", "annotations"))
                  .containsEntry(
                      "nginx.ingress.kubernetes.io/whitelist-source-range",
                      "10.0.0.0/8,192.168.0.0/16");
            });
  }

  @Test
  void shouldRouteOnlyTheApiThroughTheIngressByDefault() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                ingress:
                  enabled: true
                  host: vigil.example.com
                """));

    Map<String, Object> rule = list(ofKind(documents, "Ingress").get(0), "spec", "rules").get(0);
    assertThat(list(rule, "http", "paths"))
        .extracting(path -> path.get("path"), path -> path.get("pathType"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/api", "Prefix"));
  }

  @Test
  void shouldRouteOptInPathsBesideTheApi() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                ingress:
                  enabled: true
                  host: vigil.example.com
                  extraPaths: [/q/swagger-ui, /q/openapi]
                """));

    Map<String, Object> rule = list(ofKind(documents, "Ingress").get(0), "spec", "rules").get(0);
    assertThat(list(rule, "http", "paths"))
        .extracting(path -> path.get("path"))
        .containsExactly("/api", "/q/swagger-ui", "/q/openapi");
    assertThat(list(rule, "http", "paths"))
        .allSatisfy(
            path ->
                assertThat(value(path, "backend", "service", "name")).isEqualTo("vigil-gateway"));
  }

  @Test
  void shouldRequireAHostWhenTheIngressIsEnabled() {
    assertThatThrownBy(() -> Chart.templateWithRenderValues().set("ingress.enabled", true).call())
        .hasMessageContaining("ingress.host is required");
  }

  @Test
  void shouldLetOnlyTheGatewayReachTheBackends() {
    List<Map<String, Object>> policies =
        ofKind(Chart.parse(Chart.templateWithRenderValues().call()), "NetworkPolicy");

    assertThat(policies)
        .extracting(Chart::name)
        .containsExactlyInAnyOrder(
            "vigil-default-deny",
            "vigil-migrations",
            "vigil-gateway",
            "vigil-key-service",
            "vigil-backup-service",
            "vigil-access-review-service",
            "vigil-audit-log-service");
    Map<String, Object> deny = byName(policies, "vigil-default-deny");
    assertThat(map(deny, "spec", "podSelector", "matchLabels"))
        .containsEntry("app.kubernetes.io/instance", "vigil");
    assertThat(map(deny, "spec")).doesNotContainKeys("ingress", "egress");
    assertThat(value(deny, "spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));

    for (String backend :
        List.of(
            "vigil-key-service",
            "vigil-backup-service",
            "vigil-access-review-service",
            "vigil-audit-log-service")) {
      Map<String, Object> policy = byName(policies, backend);
      assertThat(map(policy, "spec", "podSelector", "matchLabels"))
          .containsEntry("app.kubernetes.io/name", backend);
      assertThat(list(policy, "spec", "ingress"))
          .as(backend)
          .singleElement()
          .satisfies(
              rule ->
                  assertThat(list(rule, "from"))
                      .singleElement()
                      .satisfies(
                          peer ->
                              assertThat(peer)
                                  .isEqualTo(
                                      Map.of(
                                          "podSelector",
                                          Map.of(
                                              "matchLabels",
                                              Map.of(
                                                  "app.kubernetes.io/name", "vigil-gateway",
                                                  "app.kubernetes.io/instance", "vigil"))))));
      assertThat(egressPorts(policy)).contains(53, 5432, 9092, 443).doesNotContain(8080);
      // Only the gateway and key-service talk to the Kubernetes API.
      if (!backend.equals("vigil-key-service")) {
        assertThat(egressPorts(policy)).as(backend).doesNotContain(6443);
      }
    }

    Map<String, Object> gateway = byName(policies, "vigil-gateway");
    assertThat(list(gateway, "spec", "ingress"))
        .singleElement()
        .satisfies(
            rule ->
                assertThat(Chart.<Object>at(list(rule, "from").get(0), "namespaceSelector"))
                    .isEqualTo(
                        Map.of(
                            "matchLabels",
                            Map.of("kubernetes.io/metadata.name", "ingress-nginx"))));
    assertThat(egressPorts(gateway)).contains(53, 5432, 9092, 443, 6443, 8080);
    assertThat(egressPorts(byName(policies, "vigil-key-service"))).contains(6443);
  }

  @Test
  void shouldGrantLeastPrivilegeRoles() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  keyService:
                    rbac:
                      secretNamespaces: [platform, payments]
                """));

    List<Map<String, Object>> roles = ofKind(documents, "Role");
    assertThat(roles)
        .extracting(role -> name(role) + "@" + at(role, "metadata", "namespace"))
        .containsExactlyInAnyOrder(
            "vigil-gateway-posture@vigil",
            "vigil-key-service-secrets@platform",
            "vigil-key-service-secrets@payments");
    for (Map<String, Object> role : roles) {
      for (Map<String, Object> rule : list(role, "rules")) {
        assertThat(Chart.<List<Object>>at(rule, "verbs"))
            .doesNotContain("*", "delete", "deletecollection");
        assertThat(Chart.<List<Object>>at(rule, "resources")).doesNotContain("*");
      }
    }
    Map<String, Object> keys = byName(roles, "vigil-key-service-secrets");
    assertThat(list(keys, "rules"))
        .singleElement()
        .satisfies(rule -> assertThat(rule.get("resources")).isEqualTo(List.of("secrets")));
    Map<String, Object> posture = byName(roles, "vigil-gateway-posture");
    assertThat(list(posture, "rules"))
        .allSatisfy(
            rule ->
                assertThat(rule.get("verbs"))
                    .isEqualTo(
                        rule.get("resources").equals(List.of("secrets"))
                            ? List.of("get")
                            : List.of("get", "list", "watch")));

    List<Map<String, Object>> bindings = ofKind(documents, "RoleBinding");
    assertThat(bindings).hasSize(3);
    assertThat(bindings)
        .allSatisfy(
            binding ->
                assertThat(list(binding, "subjects"))
                    .singleElement()
                    .satisfies(
                        subject -> {
                          assertThat(subject.get("kind")).isEqualTo("ServiceAccount");
                          assertThat(subject.get("namespace")).isEqualTo("vigil");
                          assertThat(subject.get("name"))
                              .isIn("vigil-gateway", "vigil-key-service");
                        }));
  }

  @Test
  void shouldRefuseTheReleaseNamespaceForKeySecrets() {
    assertThatThrownBy(
            () ->
                Chart.renderWith(
                    """
                    services:
                      keyService:
                        rbac:
                          secretNamespaces: [platform, vigil]
                    """))
        .hasMessageContaining("must not name the release namespace");
  }

  @Test
  void shouldGiveKeyServiceNoSecretAccessByDefaultAndTellItTheReleaseNamespace() {
    List<Map<String, Object>> documents = Chart.parse(Chart.templateWithRenderValues().call());

    assertThat(ofKind(documents, "Role"))
        .extracting(Chart::name)
        .containsExactly("vigil-gateway-posture");
    List<Map<String, Object>> env =
        list(
            list(
                    byName(ofKind(documents, "Deployment"), "vigil-key-service"),
                    "spec",
                    "template",
                    "spec",
                    "containers")
                .get(0),
            "env");
    assertThat(variable(env, "VIGIL_KEYS_RELEASE_NAMESPACE")).containsEntry("value", "vigil");
  }

  @Test
  void shouldLetTheGatewayGetOnlyTheTlsSecretsItIsGiven() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                ingress:
                  enabled: true
                  host: vigil.example.com
                services:
                  gateway:
                    rbac:
                      postureNamespaces: [vigil, platform, web]
                      tlsSecrets:
                        platform: [platform-tls]
                """));

    Map<String, List<Object>> secretNames = new java.util.TreeMap<>();
    for (Map<String, Object> role : ofKind(documents, "Role")) {
      for (Map<String, Object> rule : list(role, "rules")) {
        if (Chart.<List<Object>>at(rule, "resources").contains("secrets")) {
          assertThat(Chart.<List<Object>>at(rule, "verbs")).containsExactly("get");
          secretNames.put(at(role, "metadata", "namespace"), at(rule, "resourceNames"));
        }
      }
    }
    assertThat(secretNames)
        .containsExactly(
            Map.entry("platform", List.of("platform-tls")),
            Map.entry("vigil", List.of("vigil-gateway-tls")));
  }

  @Test
  void shouldLeaveOutDisabledServices() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.templateWithRenderValues().set("services.backupService.enabled", false).call());

    assertThat(documents)
        .extracting(Chart::name)
        .isNotEmpty()
        .doesNotContain("vigil-backup-service");
    assertThat(ofKind(documents, "Deployment")).hasSize(4);
  }

  @Test
  void shouldFailWithAClearMessageWithoutTheBackupKekSecret() {
    assertThatThrownBy(
            () ->
                Chart.templateWithRenderValues()
                    .set("services.backupService.encryption.kekSecret", "")
                    .call())
        .hasMessageContaining("services.backupService.encryption.kekSecret is required: ")
        .hasMessageContaining("key-encryption keyset")
        .hasMessageContaining("--set services.backupService.encryption.kekSecret=");
    // Not needed when backup-service is not deployed.
    assertThat(
            Chart.templateWithRenderValues()
                .set("services.backupService.encryption.kekSecret", "")
                .set("services.backupService.enabled", false)
                .call())
        .doesNotContain("backup-kek");
  }

  @Test
  void shouldRefuseSeveralBackupReplicasOnAReadWriteOnceVolume() {
    assertThatThrownBy(
            () -> Chart.templateWithRenderValues().set("services.backupService.replicas", 2).call())
        .hasMessageContaining("services.backupService.replicas is 2")
        .hasMessageContaining("storage.accessMode is ReadWriteOnce")
        .hasMessageContaining("--set services.backupService.storage.accessMode=ReadWriteMany");

    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.templateWithRenderValues()
                .set("services.backupService.replicas", 2)
                .set("services.backupService.storage.accessMode", "ReadWriteMany")
                .call());
    assertThat(ofKind(documents, "PersistentVolumeClaim"))
        .singleElement()
        .satisfies(
            claim ->
                assertThat(value(claim, "spec", "accessModes"))
                    .isEqualTo(List.of("ReadWriteMany")));
    assertThatThrownBy(
            () ->
                Chart.templateWithRenderValues()
                    .set("services.backupService.storage.accessMode", "ReadWriteSometimes")
                    .call())
        .hasMessageContaining("accessMode");
  }

  @Test
  void shouldRequireTheKeyOfTheRestorePassword() {
    assertThatThrownBy(
            () ->
                Chart.templateWithRenderValues()
                    .set("services.backupService.restoreServer.existingSecret", "vigil-restore")
                    .call())
        .hasMessageContaining(
            "services.backupService.restoreServer.existingSecretPasswordKey is required");
  }

  @Test
  void shouldGrantBackupServiceOnlyGetOnTheListedPasswordSecrets() {
    List<Map<String, Object>> documents =
        Chart.parse(
            Chart.renderWith(
                """
                services:
                  backupService:
                    rbac:
                      passwordSecrets:
                        - namespace: platform
                          names: [orders-db, billing-db]
                        - names: [vigil-targets]
                """));

    List<Map<String, Object>> roles =
        ofKind(documents, "Role").stream()
            .filter(role -> name(role).equals("vigil-backup-service-passwords"))
            .toList();
    assertThat(roles)
        .extracting(role -> at(role, "metadata", "namespace"))
        .containsExactlyInAnyOrder("platform", "vigil");
    Map<String, List<String>> expectedNames =
        Map.of("platform", List.of("orders-db", "billing-db"), "vigil", List.of("vigil-targets"));
    for (Map<String, Object> role : roles) {
      assertThat(list(role, "rules"))
          .singleElement()
          .isEqualTo(
              Map.of(
                  "apiGroups", List.of(""),
                  "resources", List.of("secrets"),
                  "resourceNames", expectedNames.get(at(role, "metadata", "namespace")),
                  "verbs", List.of("get")));
    }
    List<Map<String, Object>> bindings =
        ofKind(documents, "RoleBinding").stream()
            .filter(binding -> name(binding).equals("vigil-backup-service-passwords"))
            .toList();
    assertThat(bindings).hasSize(2);
    assertThat(bindings)
        .allSatisfy(
            binding -> {
              assertThat(map(binding, "roleRef"))
                  .containsEntry("kind", "Role")
                  .containsEntry("name", "vigil-backup-service-passwords");
              assertThat(list(binding, "subjects"))
                  .containsExactly(
                      Map.of(
                          "kind", "ServiceAccount",
                          "name", "vigil-backup-service",
                          "namespace", "vigil"));
            });

    Map<String, Object> deployment =
        byName(ofKind(documents, "Deployment"), "vigil-backup-service");
    assertThat(value(deployment, "spec", "template", "spec", "automountServiceAccountToken"))
        .isEqualTo(true);
    assertThat(egressPorts(byName(ofKind(documents, "NetworkPolicy"), "vigil-backup-service")))
        .contains(6443);

    // Without password Secrets: no Role, no token, no API egress.
    List<Map<String, Object>> plain = Chart.parse(Chart.templateWithRenderValues().call());
    assertThat(ofKind(plain, "Role"))
        .extracting(Chart::name)
        .doesNotContain("vigil-backup-service-passwords");
    assertThat(
            value(
                byName(ofKind(plain, "Deployment"), "vigil-backup-service"),
                "spec",
                "template",
                "spec",
                "automountServiceAccountToken"))
        .isEqualTo(false);
  }

  @Test
  void shouldRefuseANamespaceListedTwiceForPasswordSecrets() {
    assertThatThrownBy(
            () ->
                Chart.renderWith(
                    """
                    services:
                      backupService:
                        rbac:
                          passwordSecrets:
                            - names: [a]
                            - namespace: vigil
                              names: [b]
                    """))
        .hasMessageContaining("passwordSecrets names namespace vigil more than once");
    assertThatThrownBy(
            () ->
                Chart.renderWith(
                    """
                    services:
                      backupService:
                        rbac:
                          passwordSecrets:
                            - namespace: platform
                              names: []
                    """))
        .hasMessageContaining("names");
  }

  @Test
  void shouldAppendBackupServiceEgressToItsPolicyOnly() {
    Map<String, Object> rule =
        Map.of(
            "to", List.of(Map.of("ipBlock", Map.of("cidr", "10.20.0.0/16"))),
            "ports", List.of(Map.of("protocol", "TCP", "port", 5433)));
    List<Map<String, Object>> policies =
        ofKind(
            Chart.parse(
                Chart.renderWith(
                    """
                    services:
                      backupService:
                        egress:
                          - to:
                              - ipBlock:
                                  cidr: 10.20.0.0/16
                            ports:
                              - protocol: TCP
                                port: 5433
                    """)),
            "NetworkPolicy");

    assertThat(list(byName(policies, "vigil-backup-service"), "spec", "egress")).contains(rule);
    for (String other :
        List.of(
            "vigil-gateway",
            "vigil-key-service",
            "vigil-access-review-service",
            "vigil-audit-log-service")) {
      assertThat(list(byName(policies, other), "spec", "egress")).as(other).doesNotContain(rule);
    }
  }

  @Test
  void shouldGiveAccessReviewServiceItsGraphAndScimSecretsOnlyThroughSecretKeyRefs() {
    List<Map<String, Object>> deployments =
        ofKind(
            Chart.parse(
                Chart.renderWith(
                    """
                    services:
                      accessReviewService:
                        graph:
                          clientId: 3f1c9a4b-6d10-4c59-9d8e-0b7e6c1a5a7e
                          existingSecret: vigil-graph
                          platformServicePrincipalId: 9d8e2f1c-9a4b-4d10-8b7e-6c1a5a7e4c59
                        scim:
                          existingSecret: platform-scim
                    """)),
            "Deployment");
    List<Map<String, Object>> env =
        list(
            list(
                    byName(deployments, "vigil-access-review-service"),
                    "spec",
                    "template",
                    "spec",
                    "containers")
                .get(0),
            "env");

    assertThat(variable(env, "VIGIL_ACCESS_GRAPH_CLIENT_ID"))
        .containsEntry("value", "3f1c9a4b-6d10-4c59-9d8e-0b7e6c1a5a7e");
    assertThat((String) variable(env, "VIGIL_ACCESS_GRAPH_TOKEN_ENDPOINT").get("value"))
        .endsWith("/oauth2/v2.0/token");
    for (String[] secret :
        new String[][] {
          {"VIGIL_ACCESS_GRAPH_CLIENT_SECRET", "vigil-graph", "client-secret"},
          {"VIGIL_ACCESS_SCIM_TOKEN", "platform-scim", "token"}
        }) {
      Map<String, Object> variable = variable(env, secret[0]);
      assertThat(variable).as(secret[0]).doesNotContainKey("value");
      assertThat(Chart.<Object>at(variable, "valueFrom", "secretKeyRef"))
          .isEqualTo(Map.of("name", secret[1], "key", secret[2]));
    }
    // Nothing of it is rendered when no credentials are given.
    List<Map<String, Object>> defaults =
        list(
            list(
                    byName(
                        ofKind(Chart.parse(Chart.templateWithRenderValues().call()), "Deployment"),
                        "vigil-access-review-service"),
                    "spec",
                    "template",
                    "spec",
                    "containers")
                .get(0),
            "env");
    assertThat(defaults)
        .extracting(variable -> variable.get("name"))
        .doesNotContain("VIGIL_ACCESS_GRAPH_CLIENT_SECRET", "VIGIL_ACCESS_SCIM_TOKEN");
  }

  @Test
  void shouldPassTheTrustedProxiesToTheGatewayOnlyWhenSet() {
    String configured =
        Chart.renderWith(
            """
            services:
              gateway:
                trustedProxies: [10.42.0.0/16, 10.43.0.7]
            """);
    assertThat(variable(gatewayEnv(configured), "VIGIL_EDGE_TRUSTED_PROXIES"))
        .containsEntry("value", "10.42.0.0/16,10.43.0.7");
    assertThat(gatewayEnv(Chart.templateWithRenderValues().call()))
        .extracting(variable -> variable.get("name"))
        .doesNotContain("VIGIL_EDGE_TRUSTED_PROXIES");
  }

  private static List<Map<String, Object>> gatewayEnv(String rendered) {
    Map<String, Object> gateway =
        byName(ofKind(Chart.parse(rendered), "Deployment"), "vigil-gateway");
    return list(list(gateway, "spec", "template", "spec", "containers").get(0), "env");
  }

  private static Map<String, Object> variable(List<Map<String, Object>> env, String name) {
    return env.stream()
        .filter(variable -> name.equals(variable.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  private static Map<String, Object> byName(List<Map<String, Object>> resources, String name) {
    return resources.stream()
        .filter(resource -> name.equals(name(resource)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no resource named " + name));
  }

  private static List<Object> egressPorts(Map<String, Object> policy) {
    return list(policy, "spec", "egress").stream()
        .flatMap(rule -> list(rule, "ports").stream())
        .map(port -> port.get("port"))
        .toList();
  }
}
