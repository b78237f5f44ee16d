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
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CON-03: a failed container is restarted. Bare pods fail (nothing recreates them), long-running
 * workloads must restart Always and should have a liveness probe, and Jobs must be allowed to
 * retry.
 */
public final class RestartOnFailureRule implements PostureRule {

  static final String CONTROL = "CON-03";

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
    for (PodTemplate template : templates) {
      if (template.barePod()) {
        findings.add(
            template.finding(
                CONTROL,
                Severity.FAIL,
                "metadata.ownerReferences",
                "Pod is not managed by a controller, nothing restarts it."));
      } else if (template.longRunning()) {
        checkLongRunning(template, findings);
      } else {
        checkJob(template, findings);
      }
    }
    String what = Summaries.plural(templates.size(), "workload");
    return RuleResult.of(CONTROL, templates.size(), findings, Summaries.checked(what, findings));
  }

  private static void checkLongRunning(PodTemplate template, List<Finding> findings) {
    String restartPolicy = template.spec().getRestartPolicy();
    if (restartPolicy != null && !"Always".equals(restartPolicy)) {
      findings.add(
          template.finding(
              CONTROL,
              Severity.FAIL,
              template.fieldPrefix() + ".restartPolicy",
              "restartPolicy is " + restartPolicy + "; a long-running workload needs Always."));
    }
    for (ContainerRef container : template.containers()) {
      if (!container.init() && container.container().getLivenessProbe() == null) {
        findings.add(
            template.finding(
                CONTROL,
                Severity.WARN,
                container.field() + ".livenessProbe",
                "Container "
                    + container.name()
                    + " has no liveness probe, so a hung process is never restarted."));
      }
    }
  }

  private static void checkJob(PodTemplate template, List<Finding> findings) {
    JobSpec jobSpec;
    String jobPath;
    if (template.owner() instanceof Job job) {
      jobSpec = job.getSpec();
      jobPath = "spec";
    } else if (template.owner() instanceof CronJob cronJob) {
      jobSpec = PodTemplates.cronJobJobSpec(cronJob);
      jobPath = "spec.jobTemplate.spec";
    } else {
      return;
    }
    Integer backoffLimit = jobSpec.getBackoffLimit();
    // With backoffLimit 0 the first failure fails the Job: Never gets no new pod, and OnFailure
    // container restarts count against the same limit.
    if (backoffLimit != null && backoffLimit == 0) {
      findings.add(
          template.finding(
              CONTROL,
              Severity.FAIL,
              jobPath + ".backoffLimit",
              "backoffLimit is 0, so a failed run is never retried."));
    }
  }
}
