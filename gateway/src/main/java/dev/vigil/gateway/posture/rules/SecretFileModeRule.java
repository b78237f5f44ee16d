package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.Meta;
import dev.vigil.gateway.posture.PodTemplate;
import dev.vigil.gateway.posture.PodTemplates;
import dev.vigil.gateway.posture.PostureRule;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * ENV-03: secret files mounted into pods are readable by their owner only.
 *
 * <p>A file's mode is its item's {@code mode}, else the volume's {@code defaultMode}, else 0644,
 * the Kubernetes default. Bits for others fail; bits for the group warn (0440 lets every process of
 * the pod's group read the secret).
 */
public final class SecretFileModeRule implements PostureRule {

  static final String CONTROL = "ENV-03";

  /** What the API server fills in when defaultMode is unset. */
  static final int KUBERNETES_DEFAULT_MODE = 0644;

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleResult check(ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    List<Finding> findings = new ArrayList<>();
    int workloads = 0;
    int volumes = 0;
    for (PodTemplate template : PodTemplates.of(snapshot)) {
      int before = volumes;
      List<Volume> list = Meta.list(template.spec().getVolumes());
      for (int v = 0; v < list.size(); v++) {
        Volume volume = list.get(v);
        String path = template.fieldPrefix() + ".volumes[" + v + "]";
        if (volume.getSecret() != null) {
          volumes++;
          checkModes(
              template,
              path + ".secret",
              volume.getSecret().getDefaultMode(),
              path + ".secret",
              volume.getSecret().getItems(),
              findings);
        }
        if (volume.getProjected() != null) {
          volumes += checkProjected(template, path + ".projected", volume.getProjected(), findings);
        }
      }
      if (volumes > before) {
        workloads++;
      }
    }
    if (volumes == 0) {
      return RuleResult.unknown(CONTROL, "no workload mounts a secret volume");
    }
    String what =
        Summaries.plural(workloads, "workload")
            + " ("
            + Summaries.plural(volumes, "secret volume")
            + ")";
    return RuleResult.of(CONTROL, workloads, findings, Summaries.checked(what, findings));
  }

  /** Checks the secret sources of a projected volume; returns how many there were. */
  private static int checkProjected(
      PodTemplate template, String path, ProjectedVolumeSource projected, List<Finding> findings) {
    int secrets = 0;
    List<VolumeProjection> sources = Meta.list(projected.getSources());
    for (int s = 0; s < sources.size(); s++) {
      if (sources.get(s).getSecret() != null) {
        secrets++;
        checkModes(
            template,
            path,
            projected.getDefaultMode(),
            path + ".sources[" + s + "].secret",
            sources.get(s).getSecret().getItems(),
            findings);
      }
    }
    return secrets;
  }

  private static void checkModes(
      PodTemplate template,
      String defaultModePath,
      Integer defaultMode,
      String itemsPath,
      List<KeyToPath> items,
      List<Finding> findings) {
    List<KeyToPath> list = Meta.list(items);
    boolean defaultApplies = list.isEmpty();
    for (int i = 0; i < list.size(); i++) {
      Integer mode = list.get(i).getMode();
      if (mode == null) {
        defaultApplies = true;
      } else {
        checkMode(template, itemsPath + ".items[" + i + "].mode", mode, false, findings);
      }
    }
    if (defaultApplies) {
      checkMode(
          template,
          defaultModePath + ".defaultMode",
          defaultMode == null ? KUBERNETES_DEFAULT_MODE : defaultMode,
          defaultMode == null,
          findings);
    }
  }

  private static void checkMode(
      PodTemplate template, String field, int mode, boolean unset, List<Finding> findings) {
    String shown = String.format("%04o", mode & 07777) + (unset ? ", the default when unset" : "");
    if ((mode & 0007) != 0) {
      findings.add(
          template.finding(
              CONTROL,
              Severity.FAIL,
              field,
              "Secret files are open to other users (mode " + shown + ")."));
    } else if ((mode & 0070) != 0) {
      findings.add(
          template.finding(
              CONTROL,
              Severity.WARN,
              field,
              "Secret files are open to the group (mode " + shown + "); use 0400 or 0600."));
    }
  }
}
