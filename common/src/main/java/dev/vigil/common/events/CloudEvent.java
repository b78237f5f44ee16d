package dev.vigil.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event with JSON data, as Vigil puts it on Kafka (binary mode).
 *
 * @param id unique per event; consumers deduplicate by it
 * @param source URI reference of the producer, e.g. {@code /vigil/key-service}
 * @param type versioned type, e.g. {@code dev.vigil.compliance.control-evaluated.v1}
 * @param subject what the event is about; also the Kafka record key, so one subject stays ordered
 * @param time when the fact happened
 * @param dataSchema URI of the JSON Schema of {@code data}
 * @param data the JSON payload
 */
public record CloudEvent(
    String id,
    String source,
    String type,
    String subject,
    OffsetDateTime time,
    String dataSchema,
    JsonNode data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/json";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }

  /**
   * The data as its typed record, decoded once.
   *
   * @throws RejectedEventException when this event is of another type, or its data does not map to
   *     the record (the reason names the record, never a value)
   */
  public <T extends EventData> T dataAs(Class<T> record) {
    String expected = EventCatalog.typeOf(record);
    if (!expected.equals(type)) {
      throw new RejectedEventException("event type " + type + " is not " + expected);
    }
    try {
      return EventJson.MAPPER.treeToValue(data, record);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new RejectedEventException(
          "data does not map to "
              + record.getSimpleName()
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }
}
