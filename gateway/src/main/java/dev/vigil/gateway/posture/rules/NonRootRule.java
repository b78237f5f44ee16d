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
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CON-01: every container, init containers included, runs as a non-root user, unprivileged, and
 * cannot gain privileges.
 *
 * <p>A container's securityContext overrides the pod's for runAsNonRoot and runAsUser.
 */
public final class NonRootRule implements PostureRule {

  static final String CONTROL = "CON-01";

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
        checkUser(template, container, findings);
        checkPrivileges(template, container, findings);
      }
    }
    String what =
        Summaries.plural(templates.size(), "workload")
            + " ("
            + Summaries.plural(containers, "container")
            + ")";
    return RuleResult.of(CONTROL, templates.size(), findings, Summaries.checked(what, findings));
  }

  private static void checkUser(
      PodTemplate template, ContainerRef container, List<Finding> findings) {
    SecurityContext own = container.container().getSecurityContext();
    PodSecurityContext pod = template.spec().getSecurityContext();
    String ownPath = container.field() + ".securityContext.";
    String podPath = template.fieldPrefix() + ".securityContext.";

    Long ownUser = own == null ? null : own.getRunAsUser();
    Long podUser = pod == null ? null : pod.getRunAsUser();
    Long user = ownUser != null ? ownUser : podUser;
    if (user != null && user == 0) {
      findings.add(
          template.finding(
              CONTROL,
              Severity.FAIL,
              (ownUser != null ? ownPath : podPath) + "runAsUser",
              "Container " + container.name() + " runs as root (runAsUser 0)."));
      return;
    }
    Boolean ownNonRoot = own == null ? null : own.getRunAsNonRoot();
    Boolean podNonRoot = pod == null ? null : pod.getRunAsNonRoot();
    Boolean nonRoot = ownNonRoot != null ? ownNonRoot : podNonRoot;
    if (Boolean.TRUE.equals(nonRoot) || (user != null && user > 0)) {
      return;
    }
    // Point at the explicit false if the pod sets it; otherwise the container is where to fix it.
    String field =
        ownNonRoot == null && podNonRoot != null
            ? podPath + "runAsNonRoot"
            : ownPath + "runAsNonRoot";
    findings.add(
        template.finding(
            CONTROL,
            Severity.FAIL,
            field,
            "Container "
                + container.name()
                + " may run as root: neither runAsNonRoot=true nor a non-zero runAsUser is set."));
  }

  private static void checkPrivileges(
      PodTemplate template, ContainerRef container, List<Finding> findings) {
    SecurityContext own = container.container().getSecurityContext();
    String ownPath = container.field() + ".securityContext.";
    if (own != null && Boolean.TRUE.equals(own.getPrivileged())) {
      findings.add(
          template.finding(
              CONTROL,
              Severity.FAIL,
              ownPath + "privileged",
              "Container " + container.name() + " is privileged and has root on the node."));
    }
    Boolean escalation = own == null ? null : own.getAllowPrivilegeEscalation();
    if (!Boolean.FALSE.equals(escalation)) {
      findings.add(
          template.finding(
              CONTROL,
              Severity.FAIL,
              ownPath + "allowPrivilegeEscalation",
              "Container "
                  + container.name()
                  + (escalation == null
                      ? " does not set allowPrivilegeEscalation to false, so setuid binaries can"
                          + " gain privileges."
                      : " sets allowPrivilegeEscalation to true.")));
    }
  }
}
