package dev.vigil.backups.cnpg;

import java.util.List;
import java.util.Map;

/**
 * The CloudNativePG clusters seen in the observed namespaces, and the namespaces that could not be
 * read (with the reason), so a control never reads "no clusters" where it could not look.
 */
public record CnpgObservation(List<CnpgCluster> clusters, Map<String, String> unreadable) {

  public CnpgObservation {
    clusters = List.copyOf(clusters);
    unreadable = Map.copyOf(unreadable);
  }

  /** Nothing observed: no namespace is configured. */
  public static CnpgObservation off() {
    return new CnpgObservation(List.of(), Map.of());
  }
}
