package dev.vigil.gateway.posture.scan;

import dev.vigil.gateway.posture.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
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

/**
 * Reads what the posture rules need from the cluster, namespace by namespace. Of the Secrets it
 * reads only those an Ingress names for TLS, and only to parse their certificates. Trivy Operator's
 * VulnerabilityReports are read where the operator is installed.
 */
@ApplicationScoped
public class ClusterReader {

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

  /** None where Trivy Operator is not installed (its resource type is unknown: 404). */
  private List<GenericKubernetesResource> vulnerabilityReports(String namespace) {
    try {
      List<GenericKubernetesResource> reports =
          client
              .genericKubernetesResources(VULNERABILITY_REPORTS)
              .inNamespace(namespace)
              .list()
              .getItems();
      reports.forEach(report -> report.setKind(ClusterSnapshot.VULNERABILITY_REPORT_KIND));
      return reports;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
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
        .map(name -> client.secrets().inNamespace(namespace).withName(name).get())
        .filter(Objects::nonNull)
        .toList();
  }
}
