package dev.vigil.audit.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The lines of an audit export (JSON Lines, documented in {@code docs/audit-log.md}): one {@code
 * header}, then every {@code checkpoint}, then per chain in order either a full {@code entry} or,
 * for entries a filter left out, a {@code link} with only its hashes.
 */
public final class ExportLines {

  public static final String FORMAT = "vigil-audit-export";
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExportLines() {}

  /**
   * @param keys the public checkpoint keys (key id to base64 X.509)
   * @param complete whether each chain runs from its first to its newest entry, so a missing tail
   *     is detectable
   */
  public static String header(
      String exportedAt, Map<String, String> keys, boolean complete, JsonNode filter) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", "header");
    node.put("format", FORMAT);
    node.put("version", VERSION);
    node.put("exportedAt", exportedAt);
    node.put("complete", complete);
    ObjectNode keyNode = node.putObject("keys");
    keys.forEach(keyNode::put);
    node.set("filter", filter == null ? JsonNodeFactory.instance.objectNode() : filter);
    return write(node);
  }

  public static String checkpoint(Checkpoint c) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", "checkpoint");
    node.put("chain", c.chain());
    node.put("seq", c.seq());
    node.put("hash", c.hash());
    node.put("createdAt", c.createdAt());
    node.put("keyId", c.keyId());
    node.put("signature", c.signature());
    return write(node);
  }

  public static String entry(ChainEntry e) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", "entry");
    node.put("chain", e.chain());
    node.put("seq", e.seq());
    node.put("eventId", e.eventId());
    node.put("source", e.source());
    node.put("occurredAt", e.occurredAt());
    ObjectNode actor = node.putObject("actor");
    actor.put("id", e.actorId());
    actor.put("type", e.actorType());
    actor.put("displayName", e.actorDisplayName());
    node.put("action", e.action());
    ObjectNode target = node.putObject("target");
    target.put("type", e.targetType());
    target.put("id", e.targetId());
    target.put("name", e.targetName());
    node.put("outcome", e.outcome());
    node.put("sourceAddress", e.sourceAddress());
    node.put("userAgent", e.userAgent());
    node.put("organization", e.organization());
    node.put("correlationId", e.correlationId());
    node.set("details", e.details() == null ? JsonNodeFactory.instance.nullNode() : e.details());
    node.put("prevHash", e.prevHash());
    node.put("hash", e.hash());
    return write(node);
  }

  public static String link(String chain, long seq, String prevHash, String hash) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", "link");
    node.put("chain", chain);
    node.put("seq", seq);
    node.put("prevHash", prevHash);
    node.put("hash", hash);
    return write(node);
  }

  public static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON");
    }
  }

  public static Checkpoint toCheckpoint(JsonNode n) {
    return new Checkpoint(
        text(n, "chain"),
        n.path("seq").asLong(),
        text(n, "hash"),
        text(n, "createdAt"),
        text(n, "keyId"),
        text(n, "signature"));
  }

  public static ChainEntry toEntry(JsonNode n) {
    JsonNode actor = n.path("actor");
    JsonNode target = n.path("target");
    JsonNode details = n.get("details");
    return new ChainEntry(
        text(n, "chain"),
        n.path("seq").asLong(),
        text(n, "eventId"),
        text(n, "source"),
        text(n, "occurredAt"),
        text(actor, "id"),
        text(actor, "type"),
        text(actor, "displayName"),
        text(n, "action"),
        text(target, "type"),
        text(target, "id"),
        text(target, "name"),
        text(n, "outcome"),
        text(n, "sourceAddress"),
        text(n, "userAgent"),
        text(n, "organization"),
        text(n, "correlationId"),
        details == null || details.isNull() ? null : details,
        text(n, "prevHash"),
        text(n, "hash"));
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
