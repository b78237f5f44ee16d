package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.Meta;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Label matching as the Kubernetes API does it. */
final class Labels {

  private Labels() {}

  /** Whether every entry of the selector is among the labels (Service selector semantics). */
  static boolean containsAll(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream()
        .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
  }

  /** Whether a label selector selects these labels; a null or empty selector selects all. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    if (!containsAll(Meta.map(selector.getMatchLabels()), labels)) {
      return false;
    }
    return Meta.list(selector.getMatchExpressions()).stream()
        .allMatch(requirement -> matches(requirement, labels));
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = Meta.list(requirement.getValues());
    return switch (Meta.orEmpty(requirement.getOperator())) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }
}
