package dev.vigil.audit.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical form of audit entries and checkpoints, the bytes their hashes and signatures cover.
 * Documented in {@code docs/audit-log.md}:
 *
 * <ul>
 *   <li>a JSON object of the entry's fields, absent values as {@code null};
 *   <li>object keys sorted by code point at every depth, no insignificant whitespace, UTF-8;
 *   <li>timestamps in UTC with exactly six fractional digits ({@code 2026-01-02T03:04:05.000006Z});
 *   <li>the entry hash is lower-case hex SHA-256 of those bytes, and covers {@code prevHash}.
 * </ul>
 */
public final class CanonicalForm {

  /** The previous hash of a chain's first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  private CanonicalForm() {}

  /**
   * A timestamp as the canonical form writes it (microsecond precision, as PostgreSQL keeps it).
   */
  public static String timestamp(OffsetDateTime time) {
    OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    if (utc.getYear() < 0 || utc.getYear() > 9999) {
      return utc.format(TIMESTAMP);
    }
    // The hot path of ingestion: fixed width, no formatter.
    StringBuilder out = new StringBuilder(27);
    pad(out, utc.getYear(), 4).append('-');
    pad(out, utc.getMonthValue(), 2).append('-');
    pad(out, utc.getDayOfMonth(), 2).append('T');
    pad(out, utc.getHour(), 2).append(':');
    pad(out, utc.getMinute(), 2).append(':');
    pad(out, utc.getSecond(), 2).append('.');
    return pad(out, utc.getNano() / 1000, 6).append('Z').toString();
  }

  /** Reads a timestamp {@link #timestamp} wrote. */
  public static OffsetDateTime parseTimestamp(String canonical) {
    if (canonical.length() != 27 || canonical.charAt(26) != 'Z') {
      return OffsetDateTime.parse(canonical);
    }
    return OffsetDateTime.of(
        digits(canonical, 0, 4),
        digits(canonical, 5, 7),
        digits(canonical, 8, 10),
        digits(canonical, 11, 13),
        digits(canonical, 14, 16),
        digits(canonical, 17, 19),
        digits(canonical, 20, 26) * 1000,
        ZoneOffset.UTC);
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        throw new IllegalArgumentException("not a canonical timestamp");
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** The canonical bytes of an entry (everything but its own hash). */
  public static byte[] bytes(ChainEntry e) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("action", e.action());
    ObjectNode actor = node.putObject("actor");
    actor.put("displayName", e.actorDisplayName());
    actor.put("id", e.actorId());
    actor.put("type", e.actorType());
    node.put("chain", e.chain());
    node.put("correlationId", e.correlationId());
    node.set("details", sorted(e.details()));
    node.put("eventId", e.eventId());
    node.put("occurredAt", e.occurredAt());
    node.put("organization", e.organization());
    node.put("outcome", e.outcome());
    node.put("prevHash", e.prevHash());
    node.put("seq", e.seq());
    node.put("source", e.source());
    node.put("sourceAddress", e.sourceAddress());
    ObjectNode target = node.putObject("target");
    target.put("id", e.targetId());
    target.put("name", e.targetName());
    target.put("type", e.targetType());
    node.put("userAgent", e.userAgent());
    // Keys above are put in code-point order and details is sorted: written as is, no second copy.
    return write(node);
  }

  /** The entry's hash: lower-case hex SHA-256 of its canonical bytes. */
  public static String hash(ChainEntry entry) {
    return sha256(bytes(entry));
  }

  /** The bytes a checkpoint's signature covers. */
  public static byte[] bytes(Checkpoint c) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("chain", c.chain());
    node.put("createdAt", c.createdAt());
    node.put("hash", c.hash());
    node.put("keyId", c.keyId());
    node.put("seq", c.seq());
    return canonical(node).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] write(JsonNode sortedNode) {
    try {
      // Through a String: Jackson's byte writer would escape characters outside the BMP as
      // surrogate pairs instead of writing them as UTF-8.
      return JSON.writeValueAsString(sortedNode).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable", e);
    }
  }

  /** Any JSON value with keys sorted at every depth and no whitespace. */
  public static String canonical(JsonNode value) {
    try {
      return JSON.writeValueAsString(sorted(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable", e);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sorted(JsonNode value) {
    if (value == null || value.isNull()) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (value.isObject()) {
      List<String> names = new ArrayList<>();
      value.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        copy.set(name, sorted(value.get(name)));
      }
      return copy;
    }
    if (value.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
        copy.add(sorted(it.next()));
      }
      return copy;
    }
    return value;
  }

  /** Parses canonical details text back into JSON. */
  public static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("details are not JSON", e);
    }
  }
}
