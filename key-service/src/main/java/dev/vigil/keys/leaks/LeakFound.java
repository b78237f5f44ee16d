package dev.vigil.keys.leaks;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Data of {@code dev.vigil.keys.leak-found.v1}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeakFound(
    long findingId,
    String repository,
    String kind,
    String commit,
    String path,
    int line,
    String control,
    String environment,
    String slot,
    Integer version) {

  static LeakFound of(LeakFinding f, String repository) {
    return new LeakFound(
        f.id,
        repository,
        f.kind,
        f.commitId,
        f.path,
        f.line,
        f.control(),
        f.environment,
        f.slot,
        f.version);
  }
}
