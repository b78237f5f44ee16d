package dev.vigil.common.compliance;

import java.util.List;
import java.util.Map;

/**
 * What decided an evaluation: facts (names and non-secret values) and references (where to look).
 * Never key material, passwords or tokens.
 *
 * @param summary one sentence a reviewer can read
 * @param facts the checked facts, e.g. {@code "lastBackupAgeMinutes": 42}
 * @param references links or identifiers of the evidence, e.g. a backup id or a Kubernetes object
 */
public record Evidence(String summary, Map<String, Object> facts, List<String> references) {

  public Evidence {
    facts = facts == null ? Map.of() : Map.copyOf(facts);
    references = references == null ? List.of() : List.copyOf(references);
  }

  public static Evidence of(String summary) {
    return new Evidence(summary, Map.of(), List.of());
  }
}
