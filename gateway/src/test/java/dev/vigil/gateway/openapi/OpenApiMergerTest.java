package dev.vigil.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldReplaceTheRoutingCatchAllWithTheServicesOperations() throws Exception {
    ObjectNode merged =
        OpenApiMerger.base(
            json(
                """
                {"openapi":"3.1.0","paths":{"/api/v1/checklist":{"get":{}},
                 "/api/v1/{service}/{rest}":{"get":{}}},
                 "components":{"schemas":{"Problem":{"type":"object"}}},"tags":[{"name":"Checklist"}]}"""));
    OpenApiMerger.add(
        merged,
        "key-service",
        "/api/v1/keys",
        json(
            """
            {"paths":{"/api/v1/keys/environments":{"get":{"responses":{"200":{"content":{"application/json":
             {"schema":{"$ref":"#/components/schemas/EnvironmentView"}}}}}}},
             "/q/health":{"get":{}},"/api/v1/reported-controls":{"get":{}}},
             "components":{"schemas":{"EnvironmentView":{"type":"object"},"Problem":{"type":"object"}}},
             "tags":[{"name":"Keys"},{"name":"Checklist"}]}"""));

    assertThat(fieldNames(merged.path("paths")))
        .containsExactlyInAnyOrder("/api/v1/checklist", "/api/v1/keys/environments");
    assertThat(fieldNames(merged.path("components").path("schemas")))
        .containsExactlyInAnyOrder("Problem", "EnvironmentView");
    assertThat(merged.path("tags").findValuesAsText("name")).containsExactly("Checklist", "Keys");
  }

  @Test
  void shouldPrefixASchemaNameTwoServicesDefineDifferentlyAndRewriteItsReferences()
      throws Exception {
    ObjectNode merged =
        OpenApiMerger.base(
            json("{\"paths\":{},\"components\":{\"schemas\":{\"Job\":{\"type\":\"string\"}}}}"));
    OpenApiMerger.add(
        merged,
        "backup-service",
        "/api/v1/backups",
        json(
            """
            {"paths":{"/api/v1/backups/jobs":{"get":{"responses":{"200":{"content":{"application/json":
             {"schema":{"type":"array","items":{"$ref":"#/components/schemas/Job"}}}}}}}}},
             "components":{"schemas":{"Job":{"type":"object"}}}}"""));

    assertThat(merged.at("/components/schemas/Job/type").asText()).isEqualTo("string");
    assertThat(merged.at("/components/schemas/BackupServiceJob/type").asText()).isEqualTo("object");
    assertThat(
            merged
                .at(
                    "/paths/~1api~1v1~1backups~1jobs/get/responses/200/content/application~1json/schema/items/$ref")
                .asText())
        .isEqualTo("#/components/schemas/BackupServiceJob");
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
