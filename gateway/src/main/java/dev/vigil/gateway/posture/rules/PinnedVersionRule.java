package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.ContainerRef;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.Meta;
import dev.vigil.gateway.posture.PodTemplate;
import dev.vigil.gateway.posture.PodTemplates;
import dev.vigil.gateway.posture.PostureRule;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MNT-01: the platform runs the latest version. Every image is pinned to a version (a tag other
 * than {@code latest}, or a digest), and where {@link PostureSettings#latestVersions()} knows the
 * repository's latest tag, that is the tag that runs.
 */
public final class PinnedVersionRule implements PostureRule {

  static final String CONTROL = "MNT-01";

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
    Map<String, String> latest = new HashMap<>();
    settings.latestVersions().forEach((repository, tag) -> latest.put(canonical(repository), tag));
    List<Finding> findings = new ArrayList<>();
    int images = 0;
    for (PodTemplate template : templates) {
      for (ContainerRef container : template.containers()) {
        String image = Meta.orEmpty(container.container().getImage());
        if (image.isBlank()) {
          continue;
        }
        images++;
        ImageReference reference = ImageReference.parse(image);
        String field = container.field() + ".image";
        if (reference.mutable()) {
          findings.add(
              template.finding(
                  CONTROL,
                  Severity.WARN,
                  field,
                  "Container "
                      + container.name()
                      + " runs "
                      + image
                      + (reference.tag() == null ? " without a tag" : " by the latest tag")
                      + ", so its version is not pinned."));
          continue;
        }
        String newest = latest.get(reference.canonicalRepository());
        if (newest != null && reference.tag() != null && !newest.equals(reference.tag())) {
          findings.add(
              template.finding(
                  CONTROL,
                  Severity.WARN,
                  field,
                  "Container "
                      + container.name()
                      + " runs "
                      + reference.tag()
                      + ", latest is "
                      + newest
                      + "."));
        }
      }
    }
    String what =
        Summaries.plural(templates.size(), "workload")
            + " ("
            + Summaries.plural(images, "image")
            + ", "
            + Summaries.plural(latest.size(), "known latest version")
            + ")";
    return RuleResult.of(CONTROL, templates.size(), findings, Summaries.checked(what, findings));
  }

  private static String canonical(String repository) {
    return ImageReference.parse(repository).canonicalRepository();
  }
}
