package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.ContainerRef;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.PodTemplate;
import dev.vigil.gateway.posture.PodTemplates;
import dev.vigil.gateway.posture.PostureRule;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CON-02: every container and init container has a memory limit, so one leaking process cannot
 * starve the node.
 */
public final class MemoryLimitRule implements PostureRule {

  static final String CONTROL = "CON-02";

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
    int containers = 0;
    for (PodTemplate template : templates) {
      for (ContainerRef container : template.containers()) {
        containers++;
        if (!hasMemoryLimit(container.container().getResources())) {
          findings.add(
              template.finding(
                  CONTROL,
                  Severity.FAIL,
                  container.field() + ".resources.limits.memory",
                  "Container " + container.name() + " has no memory limit."));
        }
      }
    }
    String what =
        Summaries.plural(templates.size(), "workload")
            + " ("
            + Summaries.plural(containers, "container")
            + ")";
    return RuleResult.of(CONTROL, templates.size(), findings, Summaries.checked(what, findings));
  }

  private static boolean hasMemoryLimit(ResourceRequirements resources) {
    if (resources == null || resources.getLimits() == null) {
      return false;
    }
    Quantity memory = resources.getLimits().get("memory");
    return memory != null && memory.getAmount() != null && !memory.getAmount().isBlank();
  }
}
