package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.Objects;

/**
 * One offending field of one Kubernetes object.
 *
 * <p>Messages never contain secret values; they name the field and say what is wrong with it.
 *
 * @param control the control ID, e.g. {@code CON-01}
 * @param severity FAIL or WARN
 * @param kind the object's kind, e.g. {@code Deployment}
 * @param namespace the object's namespace ({@code ""} for cluster-scoped or unnamespaced objects)
 * @param name the object's name
 * @param field the JSON path of the offending field, e.g. {@code
 *     spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation}
 * @param message what is wrong, in one sentence
 */
public record Finding(
    String control,
    Severity severity,
    String kind,
    String namespace,
    String name,
    String field,
    String message) {

  /** The order findings are reported in: namespace, kind, name, field, then severity, message. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::namespace)
          .thenComparing(Finding::kind)
          .thenComparing(Finding::name)
          .thenComparing(Finding::field)
          .thenComparing(Finding::severity)
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(severity, "severity");
    kind = Objects.requireNonNullElse(kind, "");
    namespace = Objects.requireNonNullElse(namespace, "");
    name = Objects.requireNonNullElse(name, "");
    field = Objects.requireNonNullElse(field, "");
    Objects.requireNonNull(message, "message");
  }

  /** A finding on a Kubernetes object, with its kind, namespace and name. */
  public static Finding on(
      String control, Severity severity, HasMetadata object, String field, String message) {
    String kind = object.getKind() != null ? object.getKind() : object.getClass().getSimpleName();
    return new Finding(
        control, severity, kind, Meta.namespace(object), Meta.name(object), field, message);
  }
}
