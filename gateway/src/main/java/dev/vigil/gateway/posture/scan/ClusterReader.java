package dev.vigil.gateway.posture.scan;

import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.UnreadableSecrets;
import dev.vigil.gateway.posture.rules.SecurityUpdatesRule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Reads what the posture rules need from the cluster, namespace by namespace. Of the Secrets it
 * reads only those an Ingress names for TLS, and only to parse their certificates. Trivy Operator's
 * VulnerabilityReports are read where the operator is installed.
 */
@ApplicationScoped
public class ClusterReader {

  private static final Logger LOG = Logger.getLogger(ClusterReader.class);
  private static final long REPORTS_PER_PAGE = 50;

  static final ResourceDefinitionContext VULNERABILITY_REPORTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("aquasecurity.github.io")
          .withVersion("v1alpha1")
          .withKind(ClusterSnapshot.VULNERABILITY_REPORT_KIND)
          .withPlural("vulnerabilityreports")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;

  ClusterReader(KubernetesClient client) {
    this.client = client;
  }

  public ClusterSnapshot read(List<String> namespaces) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String namespace : namespaces) {
      objects.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
      objects.addAll(client.apps().statefulSets().inNamespace(namespace).list().getItems());
      objects.addAll(client.apps().daemonSets().inNamespace(namespace).list().getItems());
      objects.addAll(client.batch().v1().jobs().inNamespace(namespace).list().getItems());
      objects.addAll(client.batch().v1().cronjobs().inNamespace(namespace).list().getItems());
      objects.addAll(client.pods().inNamespace(namespace).list().getItems());
      objects.addAll(client.services().inNamespace(namespace).list().getItems());
      objects.addAll(client.configMaps().inNamespace(namespace).list().getItems());
      objects.addAll(
          client.network().v1().networkPolicies().inNamespace(namespace).list().getItems());
      List<Ingress> ingresses =
          client.network().v1().ingresses().inNamespace(namespace).list().getItems();
      objects.addAll(ingresses);
      objects.addAll(tlsSecrets(namespace, ingresses));
      objects.addAll(vulnerabilityReports(namespace));
    }
    return ClusterSnapshot.of(objects);
  }

  /**
   * Page by page, each report cut down to what MNT-02 reads (a full report lists every package
   * finding and can run to megabytes). None where Trivy Operator is not installed (the resource
   * type is unknown: 404) or the gateway may not read them (403): MNT-02 then reports UNKNOWN, and
   * the other controls are unaffected.
   */
  private List<GenericKubernetesResource> vulnerabilityReports(String namespace) {
    List<GenericKubernetesResource> reports = new ArrayList<>();
    try {
      String next = null;
      do {
        GenericKubernetesResourceList page =
            client
                .genericKubernetesResources(VULNERABILITY_REPORTS)
                .inNamespace(namespace)
                .list(
                    new ListOptionsBuilder()
                        .withLimit(REPORTS_PER_PAGE)
                        .withContinue(next)
                        .build());
        page.getItems().forEach(report -> reports.add(SecurityUpdatesRule.compact(report)));
        next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
      } while (next != null && !next.isEmpty());
      return reports;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      if (e.getCode() == 403) {
        LOG.warnf(
            "The gateway may not list VulnerabilityReports in namespace %s (HTTP 403): MNT-02 stays"
                + " UNKNOWN until its Role allows it",
            namespace);
        return List.of();
      }
      throw e;
    }
  }

  private List<Secret> tlsSecrets(String namespace, List<Ingress> ingresses) {
    return ingresses.stream()
        .filter(i -> i.getSpec() != null && i.getSpec().getTls() != null)
        .flatMap(i -> i.getSpec().getTls().stream())
        .map(IngressTLS::getSecretName)
        .filter(Objects::nonNull)
        .distinct()
        .map(name -> tlsSecret(namespace, name))
        .filter(Objects::nonNull)
        .toList();
  }

  /**
   * The gateway may read only the TLS Secrets its Role names: any other answers 403, which stands
   * for that one certificate as {@link UnreadableSecrets#placeholder}, not for the whole scan.
   */
  private Secret tlsSecret(String namespace, String name) {
    try {
      return client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        return UnreadableSecrets.placeholder(namespace, name, "HTTP 403");
      }
      throw e;
    }
  }
}
