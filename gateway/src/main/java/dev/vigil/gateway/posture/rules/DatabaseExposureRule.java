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
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DB-02: the database is not reachable from outside the cluster or from arbitrary pods.
 *
 * <p>Database pods are the pod templates and bare pods whose labels match {@link
 * PostureSettings#databaseSelector()}. They must not be published by a NodePort or LoadBalancer
 * Service or external IPs, must not use the host network or host ports, and a NetworkPolicy must
 * restrict who reaches them.
 */
public final class DatabaseExposureRule implements PostureRule {

  static final String CONTROL = "DB-02";

  private static final Set<String> ANYWHERE = Set.of("0.0.0.0/0", "::/0");

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleResult check(ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    List<PodTemplate> databases =
        PodTemplates.of(snapshot).stream()
            .filter(template -> Labels.containsAll(settings.databaseSelector(), template.labels()))
            .toList();
    if (databases.isEmpty()) {
      return RuleResult.unknown(
          CONTROL, "no database workloads matched " + settings.databaseSelectorText());
    }
    List<Finding> findings = new ArrayList<>();
    for (PodTemplate database : databases) {
      checkHost(database, findings);
    }
    Set<Service> services = new LinkedHashSet<>();
    for (Service service : snapshot.services()) {
      if (selectsAny(service, databases)) {
        services.add(service);
        checkService(service, findings);
      }
    }
    Set<NetworkPolicy> policies = new LinkedHashSet<>();
    for (PodTemplate database : databases) {
      List<NetworkPolicy> selecting =
          snapshot.networkPolicies().stream()
              .filter(policy -> Meta.namespace(policy).equals(database.namespace()))
              .filter(policy -> restrictsIngress(policy, database.labels()))
              .toList();
      if (selecting.isEmpty()) {
        findings.add(
            database.finding(
                CONTROL,
                Severity.FAIL,
                database.labelsField(),
                "No NetworkPolicy restricts ingress to these database pods, so every pod in the"
                    + " cluster can connect."));
      }
      policies.addAll(selecting);
    }
    policies.forEach(policy -> checkPolicy(policy, findings));

    int checked = databases.size() + services.size() + policies.size();
    String what =
        Summaries.plural(databases.size(), "database workload")
            + ", "
            + Summaries.plural(services.size(), "Service")
            + " and "
            + Summaries.plural(policies.size(), "NetworkPolicy")
            + " selecting them";
    return RuleResult.of(CONTROL, checked, findings, Summaries.checked(what, findings));
  }

  private static void checkHost(PodTemplate database, List<Finding> findings) {
    if (Boolean.TRUE.equals(database.spec().getHostNetwork())) {
      findings.add(
          database.finding(
              CONTROL,
              Severity.FAIL,
              database.fieldPrefix() + ".hostNetwork",
              "The database pod uses the host network, so it listens on the node's addresses."));
    }
    for (ContainerRef container : database.containers()) {
      List<ContainerPort> ports = Meta.list(container.container().getPorts());
      for (int i = 0; i < ports.size(); i++) {
        Integer hostPort = ports.get(i).getHostPort();
        if (hostPort != null && hostPort > 0) {
          findings.add(
              database.finding(
                  CONTROL,
                  Severity.FAIL,
                  container.field() + ".ports[" + i + "].hostPort",
                  "Container "
                      + container.name()
                      + " publishes port "
                      + hostPort
                      + " on the node's addresses."));
        }
      }
    }
  }

  private static boolean selectsAny(Service service, List<PodTemplate> databases) {
    Map<String, String> selector =
        service.getSpec() == null ? Map.of() : Meta.map(service.getSpec().getSelector());
    // A Service without a selector has hand-made endpoints; it cannot be tied to pods by labels.
    return !selector.isEmpty()
        && databases.stream()
            .anyMatch(
                database ->
                    database.namespace().equals(Meta.namespace(service))
                        && Labels.containsAll(selector, database.labels()));
  }

  private static void checkService(Service service, List<Finding> findings) {
    String type = Meta.orEmpty(service.getSpec().getType());
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      findings.add(
          finding(
              service,
              "spec.type",
              "Service of type " + type + " publishes the database outside the cluster."));
    }
    if (!Meta.list(service.getSpec().getExternalIPs()).isEmpty()) {
      findings.add(
          finding(service, "spec.externalIPs", "Service publishes the database on external IPs."));
    }
  }

  /**
   * Whether the policy selects the pods and governs their ingress. Without policyTypes the API
   * server defaults to Ingress (plus Egress when egress rules exist).
   */
  private static boolean restrictsIngress(NetworkPolicy policy, Map<String, String> labels) {
    if (policy.getSpec() == null || !Labels.matches(policy.getSpec().getPodSelector(), labels)) {
      return false;
    }
    List<String> types = Meta.list(policy.getSpec().getPolicyTypes());
    return types.isEmpty() || types.contains("Ingress");
  }

  private static void checkPolicy(NetworkPolicy policy, List<Finding> findings) {
    List<NetworkPolicyIngressRule> rules = Meta.list(policy.getSpec().getIngress());
    for (int i = 0; i < rules.size(); i++) {
      List<NetworkPolicyPeer> from = Meta.list(rules.get(i).getFrom());
      if (from.isEmpty()) {
        findings.add(
            finding(
                policy,
                "spec.ingress[" + i + "].from",
                "Ingress rule " + i + " has no from, so it admits every source to the database."));
      }
      for (int j = 0; j < from.size(); j++) {
        NetworkPolicyPeer peer = from.get(j);
        if (peer.getIpBlock() != null && ANYWHERE.contains(peer.getIpBlock().getCidr())) {
          findings.add(
              finding(
                  policy,
                  "spec.ingress[" + i + "].from[" + j + "].ipBlock.cidr",
                  "Ingress rule "
                      + i
                      + " admits "
                      + peer.getIpBlock().getCidr()
                      + ", every address, to the database."));
        }
      }
    }
  }

  private static Finding finding(HasMetadata object, String field, String message) {
    return Finding.on(CONTROL, Severity.FAIL, object, field, message);
  }
}
