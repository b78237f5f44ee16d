package dev.vigil.gateway.posture;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the posture rules compare against.
 *
 * @param databaseSelector labels that mark database pods (default {@code
 *     app.kubernetes.io/name=postgresql})
 * @param minCertificateDays a TLS certificate that expires sooner than this warns (default 21)
 * @param maxImageAge a pod running the same image longer than this warns (default 90 days)
 * @param latestVersions image repository (e.g. {@code ghcr.io/vigil/gateway}) to its latest
 *     released tag (default empty: only mutable tags are reported)
 * @param maxScanAge a vulnerability report older than this warns: the scanner has stopped
 *     rescanning (default 7 days)
 */
public record PostureSettings(
    Map<String, String> databaseSelector,
    int minCertificateDays,
    Duration maxImageAge,
    Map<String, String> latestVersions,
    Duration maxScanAge) {

  public PostureSettings {
    databaseSelector = Map.copyOf(databaseSelector);
    if (databaseSelector.isEmpty()) {
      // An empty selector would call every pod a database.
      throw new IllegalArgumentException("databaseSelector must not be empty");
    }
    if (minCertificateDays < 0) {
      throw new IllegalArgumentException("minCertificateDays must not be negative");
    }
    Objects.requireNonNull(maxImageAge, "maxImageAge");
    latestVersions = Map.copyOf(latestVersions);
    Objects.requireNonNull(maxScanAge, "maxScanAge");
  }

  /** The defaults documented on each component. */
  public static PostureSettings defaults() {
    return new PostureSettings(
        Map.of("app.kubernetes.io/name", "postgresql"),
        21,
        Duration.ofDays(90),
        Map.of(),
        Duration.ofDays(7));
  }

  /** The database selector as {@code key=value,key=value}, sorted by key. */
  public String databaseSelectorText() {
    return new TreeMap<>(databaseSelector)
        .entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining(","));
  }
}
