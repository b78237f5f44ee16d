package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod spec to check, with the object that owns it.
 *
 * @param kind the owner's kind: Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod
 * @param namespace the owner's namespace ({@code ""} when unset)
 * @param name the owner's name
 * @param fieldPrefix the JSON path of the pod spec in the owner, e.g. {@code spec.template.spec}
 * @param spec the pod spec
 * @param labels the labels the pods carry (template labels, or a bare pod's own labels)
 * @param owner the owning object itself
 */
public record PodTemplate(
    String kind,
    String namespace,
    String name,
    String fieldPrefix,
    PodSpec spec,
    Map<String, String> labels,
    HasMetadata owner) {

  private static final Set<String> LONG_RUNNING = Set.of("Deployment", "StatefulSet", "DaemonSet");

  public PodTemplate {
    labels = Map.copyOf(labels);
  }

  /** Init containers first, then containers, each with its JSON path. */
  public List<ContainerRef> containers() {
    List<ContainerRef> refs = new ArrayList<>();
    List<Container> initContainers = Meta.list(spec.getInitContainers());
    for (int i = 0; i < initContainers.size(); i++) {
      refs.add(
          new ContainerRef(
              fieldPrefix + ".initContainers[" + i + "]", initContainers.get(i), true));
    }
    List<Container> containers = Meta.list(spec.getContainers());
    for (int i = 0; i < containers.size(); i++) {
      refs.add(new ContainerRef(fieldPrefix + ".containers[" + i + "]", containers.get(i), false));
    }
    return refs;
  }

  /** Whether a controller keeps these pods running (Deployment, StatefulSet, DaemonSet). */
  public boolean longRunning() {
    return LONG_RUNNING.contains(kind);
  }

  /** Whether this is a Pod without an owner rather than a controller's template. */
  public boolean barePod() {
    return "Pod".equals(kind);
  }

  /** The JSON path of the pods' labels: the template's labels, or a bare pod's own. */
  public String labelsField() {
    if (barePod()) {
      return "metadata.labels";
    }
    return fieldPrefix.substring(0, fieldPrefix.length() - ".spec".length()) + ".metadata.labels";
  }

  /** A finding on the owner. */
  public Finding finding(String control, Severity severity, String field, String message) {
    return new Finding(control, severity, kind, namespace, name, field, message);
  }

  /** {@code Kind namespace/name}, for summaries. */
  public String describe() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
