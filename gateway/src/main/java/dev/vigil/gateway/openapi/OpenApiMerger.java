package dev.vigil.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents into the gateway's: their {@code /api/v1/...} paths, their
 * schemas (a name two documents define differently gets the service's name as prefix, with every
 * reference rewritten) and their tags. The gateway's routing catch-all leaves the document, since
 * the real operations replace it. Pure JSON-tree work, no I/O.
 */
final class OpenApiMerger {

  static final String SCHEMA_REF = "#/components/schemas/";
  static final String ROUTER_PATH = "/api/v1/{service";

  private OpenApiMerger() {}

  /** The gateway's document without its routing catch-all, ready to take the services' parts. */
  static ObjectNode base(ObjectNode gateway) {
    ObjectNode merged = gateway.deepCopy();
    ObjectNode paths = merged.withObject("/paths");
    paths.properties().removeIf(path -> path.getKey().startsWith(ROUTER_PATH));
    return merged;
  }

  /**
   * Adds one service's operations to the merged document: only those under the prefix the gateway
   * routes to it (a service's other endpoints are not reachable through the gateway).
   */
  static void add(ObjectNode merged, String service, String routedPrefix, JsonNode document) {
    JsonNode serviceDocument = document.deepCopy();
    ObjectNode schemas = merged.withObject("/components").withObject("/schemas");
    Set<String> renamed = new HashSet<>();
    serviceDocument
        .path("components")
        .path("schemas")
        .properties()
        .forEach(
            schema -> {
              JsonNode existing = schemas.get(schema.getKey());
              if (existing != null && !existing.equals(schema.getValue())) {
                renamed.add(schema.getKey());
              }
            });
    String prefix = prefix(service);
    if (!renamed.isEmpty()) {
      rewriteRefs(serviceDocument, renamed, prefix);
    }
    serviceDocument
        .path("components")
        .path("schemas")
        .properties()
        .forEach(
            schema ->
                schemas.set(
                    renamed.contains(schema.getKey()) ? prefix + schema.getKey() : schema.getKey(),
                    schema.getValue()));
    ObjectNode paths = merged.withObject("/paths");
    serviceDocument
        .path("paths")
        .properties()
        .forEach(
            path -> {
              if ((path.getKey().equals(routedPrefix)
                      || path.getKey().startsWith(routedPrefix + "/"))
                  && !paths.has(path.getKey())) {
                paths.set(path.getKey(), path.getValue());
              }
            });
    ArrayNode tags = merged.withArray("/tags");
    Set<String> known = new HashSet<>();
    tags.forEach(tag -> known.add(tag.path("name").asText()));
    serviceDocument
        .path("tags")
        .forEach(
            tag -> {
              if (known.add(tag.path("name").asText())) {
                tags.add(tag);
              }
            });
  }

  private static void rewriteRefs(JsonNode node, Set<String> renamed, String prefix) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String value = field.getValue().isTextual() ? field.getValue().asText() : null;
        if ("$ref".equals(field.getKey()) && value != null && value.startsWith(SCHEMA_REF)) {
          String name = value.substring(SCHEMA_REF.length());
          if (renamed.contains(name)) {
            field.setValue(TextNode.valueOf(SCHEMA_REF + prefix + name));
          }
        } else {
          rewriteRefs(field.getValue(), renamed, prefix);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> rewriteRefs(element, renamed, prefix));
    }
  }

  /** {@code access-review-service} → {@code AccessReviewService}. */
  static String prefix(String service) {
    StringBuilder prefix = new StringBuilder();
    for (String word : service.split("-")) {
      if (!word.isEmpty()) {
        prefix.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return prefix.toString();
  }
}
