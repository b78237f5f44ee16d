package dev.vigil.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates this service's CloudEvents and checks their data against the published schema. */
@ApplicationScoped
public class EventFactory {

  private final EventSchemas schemas;
  private final String source;

  EventFactory(
      EventSchemas schemas, @ConfigProperty(name = "quarkus.application.name") String service) {
    this.schemas = schemas;
    this.source = "/vigil/" + service;
  }

  /**
   * A new event of the record's catalogued type, with a fresh id and the current time.
   *
   * @throws IllegalArgumentException when the record is not in {@link EventCatalog} or its JSON
   *     does not match the type's published schema; a producer bug, never sent
   */
  public CloudEvent create(String subject, EventData data) {
    return create(EventCatalog.typeOf(data.getClass()), subject, data);
  }

  /** As {@link #create(String, EventData)} with a caller-chosen id (for idempotent producers). */
  public CloudEvent createWithId(String id, String subject, EventData data) {
    return create(id, EventCatalog.typeOf(data.getClass()), subject, data);
  }

  /**
   * An event of the record's catalogued type whose data arrived as JSON from a producer (a relay,
   * such as audit ingestion over HTTP), passed on unchanged: events that come straight from Kafka
   * keep their producer's JSON too, and decoding and encoding again could alter its text.
   *
   * @throws IllegalArgumentException when the record is not in {@link EventCatalog} or the data
   *     does not match the type's published schema
   */
  public CloudEvent relay(
      String id, String subject, Class<? extends EventData> record, JsonNode data) {
    return create(id, EventCatalog.typeOf(record), subject, data);
  }

  /**
   * A new event with a fresh id and the current time. Services pass a record instead ({@link
   * #create(String, EventData)}); this form is left for tests that need a type by name.
   *
   * @throws IllegalArgumentException when the data does not match the type's published schema; a
   *     producer bug, never sent
   */
  public CloudEvent create(String type, String subject, Object data) {
    return create(UUID.randomUUID().toString(), type, subject, data);
  }

  private CloudEvent create(String id, String type, String subject, Object data) {
    JsonNode json = EventJson.MAPPER.valueToTree(data);
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
