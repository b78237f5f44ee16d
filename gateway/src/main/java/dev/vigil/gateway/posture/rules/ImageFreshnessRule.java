package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.ClusterSnapshot;
import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.Meta;
import dev.vigil.gateway.posture.PostureRule;
import dev.vigil.gateway.posture.PostureSettings;
import dev.vigil.gateway.posture.RuleResult;
import dev.vigil.gateway.posture.Severity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * CON-04: base images are kept up to date. A pod that has run the same image for longer than {@link
 * PostureSettings#maxImageAge()} was not rebuilt or redeployed in that time; an image by a mutable
 * tag hides which build runs at all.
 *
 * <p>Looks at pods rather than templates, because only a running pod says since when an image runs.
 * Completed pods (Succeeded, Failed) are skipped.
 */
public final class ImageFreshnessRule implements PostureRule {

  static final String CONTROL = "CON-04";

  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleResult check(ClusterSnapshot snapshot, PostureSettings settings, Instant now) {
    if (snapshot.pods().isEmpty()) {
      return RuleResult.unknown(CONTROL, "no pods in the snapshot, so no image age is known");
    }
    List<Finding> findings = new ArrayList<>();
    int checked = 0;
    Instant oldest = null;
    for (Pod pod : snapshot.pods()) {
      if (pod.getSpec() == null || (pod.getStatus() != null && FINISHED.contains(phase(pod)))) {
        continue;
      }
      checked++;
      Instant since = runningSince(pod.getStatus());
      if (since != null && (oldest == null || since.isBefore(oldest))) {
        oldest = since;
      }
      checkContainers(
          pod,
          "spec.initContainers",
          pod.getSpec().getInitContainers(),
          since,
          settings,
          now,
          findings);
      checkContainers(
          pod, "spec.containers", pod.getSpec().getContainers(), since, settings, now, findings);
    }
    String summary = Summaries.checked(Summaries.plural(checked, "pod"), findings);
    if (oldest != null) {
      summary += "; oldest pod running since " + oldest + " (" + days(oldest, now) + " days)";
    }
    return RuleResult.of(CONTROL, checked, findings, summary);
  }

  private static void checkContainers(
      Pod pod,
      String path,
      List<Container> containers,
      Instant since,
      PostureSettings settings,
      Instant now,
      List<Finding> findings) {
    List<Container> list = Meta.list(containers);
    for (int i = 0; i < list.size(); i++) {
      Container container = list.get(i);
      String image = Meta.orEmpty(container.getImage());
      String field = path + "[" + i + "].image";
      if (image.isBlank()) {
        continue;
      }
      if (ImageReference.parse(image).mutable()) {
        findings.add(
            finding(
                pod,
                field,
                "Container "
                    + container.getName()
                    + " runs "
                    + image
                    + " by a mutable tag, so which build runs and how old it is cannot be told."));
      }
      if (since != null && Duration.between(since, now).compareTo(settings.maxImageAge()) > 0) {
        findings.add(
            finding(
                pod,
                field,
                "Container "
                    + container.getName()
                    + ": image not rebuilt/redeployed for "
                    + days(since, now)
                    + " days (limit "
                    + settings.maxImageAge().toDays()
                    + ")."));
      }
    }
  }

  /** The pod's start time, or else the earliest start of a running container. */
  static Instant runningSince(PodStatus status) {
    if (status == null) {
      return null;
    }
    Instant start = parseTime(status.getStartTime());
    if (start != null) {
      return start;
    }
    return Meta.list(status.getContainerStatuses()).stream()
        .map(ContainerStatus::getState)
        .filter(Objects::nonNull)
        .map(
            state ->
                state.getRunning() == null ? null : parseTime(state.getRunning().getStartedAt()))
        .filter(Objects::nonNull)
        .min(Instant::compareTo)
        .orElse(null);
  }

  private static Instant parseTime(String time) {
    if (time == null || time.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String phase(Pod pod) {
    return Meta.orEmpty(pod.getStatus().getPhase());
  }

  private static long days(Instant since, Instant now) {
    return Duration.between(since, now).toDays();
  }

  private static Finding finding(Pod pod, String field, String message) {
    return Finding.on(CONTROL, Severity.WARN, pod, field, message);
  }
}
