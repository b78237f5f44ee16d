package dev.vigil.common.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The metrics the chart's alerts and dashboard query, by service (helm/vigil/files/metrics.txt).
 */
final class MonitoredMetrics {

  static final String FILE = "helm/vigil/files/metrics.txt";

  private MonitoredMetrics() {}

  /** The metric names listed for the service, or for every service ("*"). */
  static List<String> of(String service) {
    try {
      return Files.readAllLines(file()).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split("\\s+"))
          .filter(
              fields ->
                  Arrays.asList(fields).subList(1, fields.length).contains("*")
                      || Arrays.asList(fields).subList(1, fields.length).contains(service))
          .map(fields -> fields[0])
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the samples in a Prometheus text exposition. */
  static Set<String> sampleNames(String exposition) {
    return exposition
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0])
        .collect(Collectors.toSet());
  }

  /** The file, found from the module's directory up to the repository root. */
  private static Path file() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FILE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
  }
}
