package dev.vigil.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Renders helm/vigil with the real Helm engine (helm-java) and reads the result. */
final class Chart {

  static final String RELEASE = "vigil";
  static final String NAMESPACE = "vigil";

  /** The repository root: the parent of this module's directory (Surefire sets "basedir"). */
  static final Path REPO_ROOT =
      Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();

  static final Path CHART_DIR = REPO_ROOT.resolve("helm/vigil");
  static final Path K8S_DIR = REPO_ROOT.resolve("k8s");

  /** The values k8s/vigil.yaml is rendered with (placeholders the operator edits). */
  static final Path RENDER_VALUES = K8S_DIR.resolve("render-values.yaml");

  /** The committed plain manifests. */
  static final Path K8S_MANIFESTS = K8S_DIR.resolve("vigil.yaml");

  private Chart() {}

  static Helm helm() {
    return new Helm(CHART_DIR);
  }

  /** A template command for release "vigil" in namespace "vigil", without any values. */
  static TemplateCommand template() {
    return helm().template().withName(RELEASE).withNamespace(NAMESPACE);
  }

  /** A template command with k8s/render-values.yaml, the render k8s/vigil.yaml holds. */
  static TemplateCommand templateWithRenderValues() {
    return template().withValuesFile(RENDER_VALUES);
  }

  /** Renders with k8s/render-values.yaml plus the given extra values YAML. */
  static String renderWith(String extraValuesYaml) {
    try {
      Path file = Files.createTempFile("vigil-values-", ".yaml");
      try {
        Files.writeString(file, extraValuesYaml);
        return templateWithRenderValues().withValuesFile(file).call();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a multi-document YAML string into its non-empty documents. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return documents;
  }

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
    return documents.stream()
        .filter(document -> kind.equals(document.get("kind")))
        .collect(Collectors.toList());
  }

  static String name(Map<String, Object> resource) {
    return Objects.toString(map(resource, "metadata").get("name"));
  }

  /** The value at a path of map keys, or null when any step is missing. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(key);
    }
    return (T) current;
  }

  /** Like {@link #at}, typed as Object for assertions. */
  static Object value(Object node, String... path) {
    return at(node, path);
  }

  static Map<String, Object> map(Object node, String... path) {
    Map<String, Object> value = at(node, path);
    return value == null ? Map.of() : value;
  }

  static List<Map<String, Object>> list(Object node, String... path) {
    List<Map<String, Object>> value = at(node, path);
    return value == null ? List.of() : value;
  }
}
