package dev.vigil.common.compliance;

import java.util.Collections;
import java.util.LinkedHashMap;
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
    // Facts may be null-valued ("no review yet"), so no Map.copyOf; order is kept for readers.
    facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    references = references == null ? List.of() : List.copyOf(references);
  }
}
