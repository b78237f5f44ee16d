package dev.vigil.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

  private static final String AUDIT = "dev.vigil.audit.event-recorded.v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventSchemas schemas = new EventSchemas();

  @Test
  void shouldAcceptAValidEvent() throws Exception {
    assertThat(schemas.violations(AUDIT, valid())).isEmpty();
  }

  @Test
  void shouldRejectATimestampWithoutSeconds() throws Exception {
    ObjectNode event = valid();
    event.put("occurredAt", "2026-11-29T10:15Z");
    assertThat(schemas.violations(AUDIT, event))
        .singleElement()
        .asString()
        .startsWith("/occurredAt");
  }

  @Test
  void shouldListEveryViolationWithoutTheValues() throws Exception {
    ObjectNode event = valid();
    ((ObjectNode) event.get("actor")).put("type", "robot");
    event.put("action", "Not A Verb");
    event.put("unexpected", "secret-value");

    List<String> violations = schemas.violations(AUDIT, event);

    assertThat(violations).anyMatch(v -> v.startsWith("/actor/type"));
    assertThat(violations).anyMatch(v -> v.startsWith("/action"));
    assertThat(violations).anyMatch(v -> v.startsWith("/unexpected"));
    assertThat(String.join(" ", violations))
        .doesNotContain("robot")
        .doesNotContain("Not A Verb")
        .doesNotContain("secret-value");
  }

  @Test
  void shouldRejectTooLongAndMissingFields() throws Exception {
    ObjectNode event = valid();
    ((ObjectNode) event.get("actor")).put("id", "x".repeat(257));
    event.remove("outcome");
    List<String> violations = schemas.violations(AUDIT, event);
    assertThat(violations).anyMatch(v -> v.startsWith("/actor/id"));
    assertThat(violations).anyMatch(v -> v.contains("outcome"));
  }

  @Test
  void shouldRejectAnUnpublishedType() {
    assertThatThrownBy(() -> schemas.violations("dev.vigil.nothing.v1", JSON.createObjectNode()))
        .isInstanceOf(RejectedEventException.class)
        .hasMessageContaining("no published schema");
  }

  private static ObjectNode valid() throws Exception {
    JsonNode node =
        JSON.readTree(
            """
            {"occurredAt":"2026-11-29T10:15:00Z",
             "actor":{"id":"alice","type":"user","displayName":"Alice"},
             "action":"auth.signin.failed","target":{"type":"app","id":"portal"},
             "outcome":"failure","sourceAddress":"203.0.113.7","details":{"method":"password"}}""");
    return (ObjectNode) node;
  }
}
