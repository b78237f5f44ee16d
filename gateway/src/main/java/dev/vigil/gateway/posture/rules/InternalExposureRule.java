package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.Meta;
import dev.vigil.gateway.posture.PostureRule;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * NET-03: Vigil is reachable from internal networks only. Every Ingress admits private source
 * ranges only or is served by an internal ingress class; every LoadBalancer Service is an internal
 * load balancer or admits private source ranges only; NodePort Services warn.
 *
 * <p>The annotation {@code vigil.dev/exposure: internal} is the operator's statement that the
 * object is internal (e.g. behind a private network the cluster cannot see). It passes, and the
 * summary lists it as needing attestation.
 */
public final class InternalExposureRule implements PostureRule {

  static final String CONTROL = "NET-03";

  static final String EXPOSURE_ANNOTATION = "vigil.dev/exposure";

  static final List<String> SOURCE_RANGE_ANNOTATIONS =
      List.of(
          "nginx.ingress.kubernetes.io/whitelist-source-range",
          "nginx.ingress.kubernetes.io/allowlist-source-range");

  /** Cloud annotations that make a LoadBalancer internal, with the values that mean so. */
  static final Map<String, Set<String>> INTERNAL_LOAD_BALANCER =
      Map.of(
          "service.beta.kubernetes.io/azure-load-balancer-internal", Set.of("true"),
          // AWS's legacy in-tree form also accepts 0.0.0.0/0 as "internal".
          "service.beta.kubernetes.io/aws-load-balancer-internal", Set.of("true", "0.0.0.0/0"),
          "service.beta.kubernetes.io/aws-load-balancer-scheme", Set.of("internal"),
          "networking.gke.io/load-balancer-type", Set.of("internal"),
          "cloud.google.com/load-balancer-type", Set.of("internal"));

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleResult check(ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    List<Service> services =
        snapshot.services().stream().filter(service -> !type(service).isEmpty()).toList();
    if (snapshot.ingresses().isEmpty() && services.isEmpty()) {
      return RuleResult.unknown(
          CONTROL, "no Ingress and no LoadBalancer or NodePort Service in the snapshot");
    }
    List<Finding> findings = new ArrayList<>();
    List<String> attested = new ArrayList<>();
    for (Ingress ingress : snapshot.ingresses()) {
      checkIngress(ingress, findings, attested);
    }
    for (Service service : services) {
      if (type(service).equals("NodePort")) {
        findings.add(
            Finding.on(
                CONTROL,
                Severity.WARN,
                service,
                "spec.type",
                "NodePort Service is reachable on every node's address."));
      } else {
        checkLoadBalancer(service, findings, attested);
      }
    }
    String what =
        Summaries.plural(snapshot.ingresses().size(), "Ingress")
            + " and "
            + Summaries.plural(services.size(), "LoadBalancer/NodePort Service");
    String summary = Summaries.checked(what, findings);
    if (!attested.isEmpty()) {
      summary +=
          "; declared internal by "
              + EXPOSURE_ANNOTATION
              + ", needs attestation: "
              + String.join(", ", attested.stream().sorted().toList());
    }
    return RuleResult.of(CONTROL, snapshot.ingresses().size() + services.size(), findings, summary);
  }

  private static void checkIngress(Ingress ingress, List<Finding> findings, List<String> attested) {
    Map<String, String> annotations = Meta.annotations(ingress);
    boolean allowlisted = false;
    boolean admitsPublic = false;
    for (String key : SOURCE_RANGE_ANNOTATIONS) {
      List<String> ranges = split(annotations.get(key));
      for (String range : ranges) {
        if (!IpRanges.isPrivate(range)) {
          admitsPublic = true;
          findings.add(
              Finding.on(
                  CONTROL,
                  Severity.FAIL,
                  ingress,
                  Meta.keyPath("metadata.annotations", key),
                  "The source-range allowlist admits "
                      + range
                      + ", which is not a private range."));
        }
      }
      allowlisted |= !ranges.isEmpty();
    }
    if (admitsPublic || allowlisted || internalClass(ingress)) {
      return;
    }
    if (declaredInternal(ingress)) {
      attested.add(describe(ingress));
      return;
    }
    findings.add(
        Finding.on(
            CONTROL,
            Severity.FAIL,
            ingress,
            "metadata.annotations",
            "The Ingress is reachable from any address: no private source-range allowlist and no"
                + " internal ingress class."));
  }

  private static void checkLoadBalancer(
      Service service, List<Finding> findings, List<String> attested) {
    Map<String, String> annotations = Meta.annotations(service);
    boolean internal =
        INTERNAL_LOAD_BALANCER.entrySet().stream()
            .anyMatch(
                entry -> {
                  String value = annotations.get(entry.getKey());
                  return value != null
                      && entry.getValue().contains(value.trim().toLowerCase(Locale.ROOT));
                });
    if (internal) {
      return;
    }
    List<String> ranges = Meta.list(service.getSpec().getLoadBalancerSourceRanges());
    if (!ranges.isEmpty()) {
      for (int i = 0; i < ranges.size(); i++) {
        if (!IpRanges.isPrivate(ranges.get(i))) {
          findings.add(
              Finding.on(
                  CONTROL,
                  Severity.FAIL,
                  service,
                  "spec.loadBalancerSourceRanges[" + i + "]",
                  "The load balancer admits " + ranges.get(i) + ", which is not a private range."));
        }
      }
      return;
    }
    if (declaredInternal(service)) {
      attested.add(describe(service));
      return;
    }
    findings.add(
        Finding.on(
            CONTROL,
            Severity.FAIL,
            service,
            "spec.type",
            "LoadBalancer Service is internet-facing: no internal load-balancer annotation and no"
                + " private loadBalancerSourceRanges."));
  }

  /** Whether the ingress class (field or legacy annotation) names an internal controller. */
  private static boolean internalClass(Ingress ingress) {
    String className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
    if (className == null) {
      className = Meta.annotations(ingress).get("kubernetes.io/ingress.class");
    }
    return className != null
        && Arrays.asList(className.toLowerCase(Locale.ROOT).split("[-_.]")).contains("internal");
  }

  private static boolean declaredInternal(HasMetadata object) {
    return "internal".equalsIgnoreCase(Meta.annotations(object).get(EXPOSURE_ANNOTATION));
  }

  private static List<String> split(String ranges) {
    if (ranges == null) {
      return List.of();
    }
    return Arrays.stream(ranges.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
  }

  private static String type(Service service) {
    String type = service.getSpec() == null ? null : service.getSpec().getType();
    return "LoadBalancer".equals(type) || "NodePort".equals(type) ? type : "";
  }

  private static String describe(HasMetadata object) {
    String namespace = Meta.namespace(object);
    return object.getKind()
        + " "
        + (namespace.isEmpty() ? "" : namespace + "/")
        + Meta.name(object);
  }
}
