package dev.vigil.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates this service's CloudEvents and checks their data against the published schema. */
@ApplicationScoped
public class EventFactory {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final EventSchemas schemas;
  private final String source;

  EventFactory(
      EventSchemas schemas, @ConfigProperty(name = "quarkus.application.name") String service) {
    this.schemas = schemas;
    this.source = "/vigil/" + service;
  }

  /**
   * A new event with a fresh id and the current time.
   *
   * @throws IllegalArgumentException when the data does not match the type's published schema; a
   *     producer bug, never sent
   */
  public CloudEvent create(String type, String subject, Object data) {
    return create(UUID.randomUUID().toString(), type, subject, data);
  }

  /**
   * As {@link #create(String, String, Object)} with a caller-chosen id (for idempotent producers).
   */
  public CloudEvent create(String id, String type, String subject, Object data) {
    JsonNode json = JSON.valueToTree(data);
    List<String> violations = schemas.violations(type, json);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(type + " data violates its schema: " + violations);
    }
    return new CloudEvent(
        id,
        source,
        type,
        subject,
        OffsetDateTime.now(ZoneOffset.UTC),
        EventSchemas.schemaUri(type),
        json);
  }
}
