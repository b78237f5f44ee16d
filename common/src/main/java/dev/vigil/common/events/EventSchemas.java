package dev.vigil.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The published JSON Schemas of every event type ({@code docs/events/<type>.schema.json}, packaged
 * under {@code vigil/events/}), used to validate data both when producing and when consuming.
 */
@ApplicationScoped
public class EventSchemas {

  /** Base of the {@code $id} and {@code dataschema} URIs of Vigil's event schemas. */
  public static final String SCHEMA_BASE = "https://vigil.dev/events/";

  /** Keywords whose messages name properties or types, never the offending value. */
  private static final Set<String> SAFE_MESSAGE_KEYWORDS =
      Set.of("required", "type", "additionalProperties", "minLength", "maxLength", "minItems");

  /** Keywords that only report that something below them failed. */
  private static final Set<String> AGGREGATE_KEYWORDS =
      Set.of("properties", "items", "allOf", "anyOf", "$ref");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Validator> validators = new ConcurrentHashMap<>();

  /** The URI of a type's schema, used as the CloudEvent {@code dataschema}. */
  public static String schemaUri(String type) {
    return SCHEMA_BASE + type + ".schema.json";
  }

  /**
   * Validates data against the type's schema.
   *
   * @return the violations, empty when valid; each names a location and a rule, never a value
   * @throws RejectedEventException when no schema is published for the type
   */
  public List<String> violations(String type, JsonNode data) {
    Validator validator = validators.computeIfAbsent(type, this::load);
    Object instance =
        data.isObject()
            ? new JsonObject(JSON.convertValue(data, Map.class))
            : JSON.convertValue(data, Object.class);
    OutputUnit result = validator.validate(instance);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    List<OutputUnit> errors = result.getErrors() == null ? List.of(result) : result.getErrors();
    List<OutputUnit> leaves =
        errors.stream()
            .filter(e -> !AGGREGATE_KEYWORDS.contains(keyword(e.getKeywordLocation())))
            .toList();
    Set<String> locationsWithOtherErrors =
        leaves.stream()
            .filter(e -> !"additionalProperties".equals(keyword(e.getKeywordLocation())))
            .map(EventSchemas::location)
            .collect(Collectors.toSet());
    return leaves.stream()
        // vertx-json-schema also reports a known property that failed (and its parents) under
        // additionalProperties; keep that keyword only for genuinely unknown properties.
        .filter(
            e ->
                !"additionalProperties".equals(keyword(e.getKeywordLocation()))
                    || locationsWithOtherErrors.stream().noneMatch(l -> l.startsWith(location(e))))
        .map(EventSchemas::describe)
        .distinct()
        .collect(Collectors.toList());
  }

  private static String location(OutputUnit error) {
    String location = error.getInstanceLocation();
    if (location == null || location.isEmpty() || location.equals("#")) {
      return "/";
    }
    return location.startsWith("#") ? location.substring(1) : location;
  }

  private static String describe(OutputUnit error) {
    String location = location(error);
    String keyword = keyword(error.getKeywordLocation());
    if (SAFE_MESSAGE_KEYWORDS.contains(keyword) && error.getError() != null) {
      return location + ": " + error.getError();
    }
    return location + ": violates '" + keyword + "'";
  }

  private static String keyword(String keywordLocation) {
    if (keywordLocation == null) {
      return "schema";
    }
    int slash = keywordLocation.lastIndexOf('/');
    return slash < 0 ? keywordLocation : keywordLocation.substring(slash + 1);
  }

  private Validator load(String type) {
    String resource = resource(type);
    if (resource == null) {
      throw new RejectedEventException("no published schema for event type " + type);
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return Validator.create(
          JsonSchema.of(schema),
          new JsonSchemaOptions()
              .setDraft(Draft.DRAFT202012)
              .setBaseUri(SCHEMA_BASE)
              .setOutputFormat(OutputFormat.Basic));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String resource(String type) {
    if (!type.matches("[a-z0-9.-]+")) {
      return null;
    }
    String path = "vigil/events/" + type + ".schema.json";
    return getClass().getClassLoader().getResource(path) == null ? null : path;
  }
}
