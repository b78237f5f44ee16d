package dev.vigil.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents Kafka protocol binding, binary content mode: attributes in {@code ce_*} headers.
 */
public final class KafkaCloudEvents {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";
  public static final String DATA_SCHEMA = "ce_dataschema";
  public static final String CONTENT_TYPE = "content-type";

  /**
   * Extension attribute: the correlation ID of the API call that caused the event, when a request
   * wrote it (see {@code dev.vigil.common.correlation.CorrelationId}).
   */
  public static final String CORRELATION_ID = "ce_correlationid";

  private static final ObjectMapper JSON = new ObjectMapper();

  private KafkaCloudEvents() {}

  /** The binary-mode headers of an event with JSON data (the data itself is the record value). */
  public static Headers headers(
      String id,
      String source,
      String type,
      String subject,
      OffsetDateTime time,
      String dataSchema) {
    RecordHeaders headers = new RecordHeaders();
    put(headers, SPEC_VERSION, CloudEvent.SPEC_VERSION);
    put(headers, ID, id);
    put(headers, SOURCE, source);
    put(headers, TYPE, type);
    put(headers, SUBJECT, subject);
    put(headers, TIME, time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    if (dataSchema != null) {
      put(headers, DATA_SCHEMA, dataSchema);
    }
    put(headers, CONTENT_TYPE, CloudEvent.CONTENT_TYPE);
    return headers;
  }

  /**
   * Reads a binary-mode CloudEvent from a record.
   *
   * @throws RejectedEventException when a required attribute is missing or invalid, or the body is
   *     not JSON
   */
  public static CloudEvent decode(Headers headers, String key, byte[] value) {
    String specVersion = required(headers, SPEC_VERSION);
    if (!CloudEvent.SPEC_VERSION.equals(specVersion)) {
      throw new RejectedEventException("unsupported CloudEvents specversion (expected 1.0)");
    }
    String contentType = text(headers, CONTENT_TYPE);
    if (contentType != null && !contentType.toLowerCase().startsWith(CloudEvent.CONTENT_TYPE)) {
      throw new RejectedEventException("content-type must be application/json");
    }
    String subject = text(headers, SUBJECT);
    String time = text(headers, TIME);
    OffsetDateTime parsedTime;
    try {
      parsedTime = time == null ? OffsetDateTime.now() : OffsetDateTime.parse(time);
    } catch (DateTimeParseException e) {
      throw new RejectedEventException("ce_time is not an RFC 3339 timestamp");
    }
    if (value == null || value.length == 0) {
      throw new RejectedEventException("record has no data");
    }
    JsonNode data;
    try {
      data = JSON.readTree(value);
    } catch (IOException e) {
      throw new RejectedEventException("data is not valid JSON");
    }
    return new CloudEvent(
        required(headers, ID),
        required(headers, SOURCE),
        required(headers, TYPE),
        subject != null ? subject : (key != null ? key : ""),
        parsedTime,
        text(headers, DATA_SCHEMA),
        data);
  }

  private static String required(Headers headers, String name) {
    String value = text(headers, name);
    if (value == null || value.isBlank()) {
      throw new RejectedEventException("missing CloudEvents header " + name);
    }
    return value;
  }

  private static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void put(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
