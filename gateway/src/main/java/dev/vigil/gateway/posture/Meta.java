package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/** Null-safe access to object metadata and to the optional lists of the Fabric8 model. */
public final class Meta {

  private Meta() {}

  /** The object's namespace, {@code ""} when unset (e.g. a manifest applied with {@code -n}). */
  public static String namespace(HasMetadata object) {
    ObjectMeta metadata = object.getMetadata();
    return metadata == null ? "" : orEmpty(metadata.getNamespace());
  }

  /** The object's name, {@code ""} when unset. */
  public static String name(HasMetadata object) {
    ObjectMeta metadata = object.getMetadata();
    return metadata == null ? "" : orEmpty(metadata.getName());
  }

  /** The object's labels, never null. */
  public static Map<String, String> labels(ObjectMeta metadata) {
    return metadata == null || metadata.getLabels() == null ? Map.of() : metadata.getLabels();
  }

  /** The object's annotations, never null. */
  public static Map<String, String> annotations(HasMetadata object) {
    ObjectMeta metadata = object.getMetadata();
    return metadata == null || metadata.getAnnotations() == null
        ? Map.of()
        : metadata.getAnnotations();
  }

  /** The list, or an empty list for null. */
  public static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** The map, or an empty map for null. */
  public static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  /** The string, or {@code ""} for null. */
  public static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /**
   * A map entry as a JSON path step: {@code data.DB_HOST}, or {@code
   * metadata.annotations['cert-manager.io/issuer']} when the key has characters a dotted path
   * cannot carry.
   */
  public static String keyPath(String prefix, String key) {
    return key.matches("[A-Za-z_][A-Za-z0-9_-]*") ? prefix + "." + key : prefix + "['" + key + "']";
  }
}
