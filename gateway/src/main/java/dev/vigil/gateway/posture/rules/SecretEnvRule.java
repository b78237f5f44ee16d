package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.ContainerRef;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.Meta;
import dev.vigil.gateway.posture.PodTemplate;
import dev.vigil.gateway.posture.PodTemplates;
import dev.vigil.gateway.posture.PostureRule;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * ENV-02: no secret is written into a manifest. A secret-like environment variable takes its value
 * from a Secret ({@code valueFrom.secretKeyRef}); no literal value looks like a key, token or
 * password; and no ConfigMap loaded into the environment holds one.
 */
public final class SecretEnvRule implements PostureRule {

  static final String CONTROL = "ENV-02";

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleResult check(ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    List<PodTemplate> templates = PodTemplates.of(snapshot);
    if (templates.isEmpty()) {
      return RuleResult.unknown(CONTROL, "no workloads or bare pods in the snapshot");
    }
    List<Finding> findings = new ArrayList<>();
    Set<ConfigMap> configMaps = new LinkedHashSet<>();
    int variables = 0;
    for (PodTemplate template : templates) {
      for (ContainerRef container : template.containers()) {
        List<EnvVar> env = Meta.list(container.container().getEnv());
        variables += env.size();
        for (int k = 0; k < env.size(); k++) {
          checkVariable(
              snapshot, template, container.field() + ".env[" + k + "]", env.get(k), findings);
        }
        for (EnvFromSource source : Meta.list(container.container().getEnvFrom())) {
          if (source.getConfigMapRef() != null) {
            snapshot
                .configMap(template.namespace(), source.getConfigMapRef().getName())
                .ifPresent(configMaps::add);
          }
        }
      }
    }
    configMaps.forEach(configMap -> checkConfigMap(configMap, findings));
    String what =
        Summaries.plural(templates.size(), "workload")
            + " ("
            + Summaries.plural(variables, "env var")
            + ") and "
            + Summaries.plural(configMaps.size(), "ConfigMap")
            + " loaded by envFrom";
    return RuleResult.of(
        CONTROL, templates.size() + configMaps.size(), findings, Summaries.checked(what, findings));
  }

  private static void checkVariable(
      ClusterSnapshot snapshot,
      PodTemplate template,
      String field,
      EnvVar variable,
      List<Finding> findings) {
    String name = Meta.orEmpty(variable.getName());
    if (variable.getValue() != null) {
      SecretLikeness.literalSecret(name, variable.getValue())
          .ifPresent(
              why ->
                  findings.add(
                      template.finding(
                          CONTROL,
                          Severity.FAIL,
                          field + ".value",
                          "Env var "
                              + name
                              + " is set to a literal value and "
                              + why
                              + "; take it from a Secret (valueFrom.secretKeyRef).")));
      return;
    }
    ConfigMapKeySelector fromConfigMap =
        variable.getValueFrom() == null ? null : variable.getValueFrom().getConfigMapKeyRef();
    if (fromConfigMap == null || !SecretLikeness.secretName(name)) {
      return;
    }
    Optional<ConfigMap> configMap =
        snapshot.configMap(template.namespace(), fromConfigMap.getName());
    // A ConfigMap we can see that leaves the key empty holds nothing to protect.
    if (configMap.isPresent()
        && !SecretLikeness.substantial(
            Meta.map(configMap.get().getData()).get(fromConfigMap.getKey()))) {
      return;
    }
    findings.add(
        template.finding(
            CONTROL,
            Severity.FAIL,
            field + ".valueFrom.configMapKeyRef",
            "Env var "
                + name
                + " has a secret-like name but reads ConfigMap "
                + fromConfigMap.getName()
                + "; secrets belong in a Secret."));
  }

  private static void checkConfigMap(ConfigMap configMap, List<Finding> findings) {
    new TreeMap<>(Meta.map(configMap.getData()))
        .forEach(
            (key, value) ->
                SecretLikeness.literalSecret(key, value)
                    .ifPresent(
                        why ->
                            findings.add(
                                Finding.on(
                                    CONTROL,
                                    Severity.FAIL,
                                    configMap,
                                    Meta.keyPath("data", key),
                                    "Key "
                                        + key
                                        + " is loaded into container environments and "
                                        + why
                                        + "; keep it in a Secret."))));
  }
}
