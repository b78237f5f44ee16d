package dev.vigil.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.FailFastAssertionException;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.vertx.core.json.JsonArray;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  private static final SchemaRegistry FAST =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          registry ->
              registry.schemaRegistryConfig(
                  SchemaRegistryConfig.builder()
                      .formatAssertionsEnabled(true)
                      .failFast(true)
                      .build()));

  /**
   * Per type: a compiled schema that stops at the first error. Valid events, nearly all of them,
   * only ever meet this one; it is several times faster than the explaining validator.
   */
  private final Map<String, Schema> validators = new ConcurrentHashMap<>();

  /** Per type: a validator that reports every violation, run only for invalid events. */
  private final Map<String, Validator> explainers = new ConcurrentHashMap<>();

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
    if (isValid(validators.computeIfAbsent(type, this::compile), data)) {
      return List.of();
    }
    Object instance = vertx(data);
    OutputUnit result = explainers.computeIfAbsent(type, this::load).validate(instance);
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

  private static boolean isValid(Schema schema, JsonNode data) {
    try {
      return schema.validate(data).isEmpty();
    } catch (FailFastAssertionException e) {
      return false;
    }
  }

  private Schema compile(String type) {
    try (InputStream in = open(type)) {
      return FAST.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON tree as Vert.x JSON values, without a round trip through text. */
  private static Object vertx(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      JsonObject object = new JsonObject(new LinkedHashMap<>(node.size()));
      node.fields().forEachRemaining(f -> object.put(f.getKey(), vertx(f.getValue())));
      return object;
    }
    if (node.isArray()) {
      JsonArray array = new JsonArray(new ArrayList<>(node.size()));
      node.forEach(item -> array.add(vertx(item)));
      return array;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    return node.asText();
  }

  private InputStream open(String type) {
    String resource = resource(type);
    InputStream in =
        resource == null ? null : getClass().getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new RejectedEventException("no published schema for event type " + type);
    }
    return in;
  }

  private Validator load(String type) {
    try (InputStream in = open(type)) {
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
