package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Every pod spec in a snapshot, with its owner.
 *
 * <p>Pods that have ownerReferences are left out: their controller's template is checked instead,
 * so each problem is reported once, on the object that has to change.
 */
public final class PodTemplates {

  private PodTemplates() {}

  /** The pod specs of workloads and bare pods, in snapshot order. */
  public static List<PodTemplate> of(ClusterSnapshot snapshot) {
    List<PodTemplate> templates = new ArrayList<>();
    for (Deployment deployment : snapshot.deployments()) {
      if (deployment.getSpec() != null) {
        add(
            templates,
            "Deployment",
            deployment,
            "spec.template.spec",
            deployment.getSpec().getTemplate());
      }
    }
    for (StatefulSet statefulSet : snapshot.statefulSets()) {
      if (statefulSet.getSpec() != null) {
        add(
            templates,
            "StatefulSet",
            statefulSet,
            "spec.template.spec",
            statefulSet.getSpec().getTemplate());
      }
    }
    for (DaemonSet daemonSet : snapshot.daemonSets()) {
      if (daemonSet.getSpec() != null) {
        add(
            templates,
            "DaemonSet",
            daemonSet,
            "spec.template.spec",
            daemonSet.getSpec().getTemplate());
      }
    }
    for (Job job : snapshot.jobs()) {
      if (job.getSpec() != null) {
        add(templates, "Job", job, "spec.template.spec", job.getSpec().getTemplate());
      }
    }
    for (CronJob cronJob : snapshot.cronJobs()) {
      JobSpec jobSpec = cronJobJobSpec(cronJob);
      if (jobSpec != null) {
        add(
            templates,
            "CronJob",
            cronJob,
            "spec.jobTemplate.spec.template.spec",
            jobSpec.getTemplate());
      }
    }
    for (Pod pod : snapshot.pods()) {
      if (isBare(pod) && pod.getSpec() != null) {
        templates.add(
            new PodTemplate(
                "Pod",
                Meta.namespace(pod),
                Meta.name(pod),
                "spec",
                pod.getSpec(),
                Meta.labels(pod.getMetadata()),
                pod));
      }
    }
    return templates;
  }

  /** Whether no controller owns the pod. */
  public static boolean isBare(Pod pod) {
    return pod.getMetadata() == null || Meta.list(pod.getMetadata().getOwnerReferences()).isEmpty();
  }

  /** The Job spec a CronJob stamps out, or null when the CronJob has none. */
  public static JobSpec cronJobJobSpec(CronJob cronJob) {
    if (cronJob.getSpec() == null || cronJob.getSpec().getJobTemplate() == null) {
      return null;
    }
    return cronJob.getSpec().getJobTemplate().getSpec();
  }

  private static void add(
      List<PodTemplate> templates,
      String kind,
      HasMetadata owner,
      String prefix,
      PodTemplateSpec template) {
    if (template == null || template.getSpec() == null) {
      return;
    }
    templates.add(
        new PodTemplate(
            kind,
            Meta.namespace(owner),
            Meta.name(owner),
            prefix,
            template.getSpec(),
            Meta.labels(template.getMetadata()),
            owner));
  }
}
