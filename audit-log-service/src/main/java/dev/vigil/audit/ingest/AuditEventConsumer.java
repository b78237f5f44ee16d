package dev.vigil.audit.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.inbox.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores audit events from the audit topic. Redelivered events change nothing (inbox); invalid
 * records go to the channel's dead-letter topic. Late events keep their own occurred-at.
 */
@ApplicationScoped
public class AuditEventConsumer {

  static final String CHANNEL = "audit-events";

  private final EventInbox inbox;

  AuditEventConsumer(EventInbox inbox) {
    this.inbox = inbox;
  }

  @Incoming(CHANNEL)
  Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return inbox.receive(
        "audit-log-service/" + CHANNEL,
        record,
        Set.of(AuditEvents.RECORDED),
        event -> toEntry(event).persist().replaceWithVoid());
  }

  static AuditEntry toEntry(CloudEvent event) {
    JsonNode data = event.data();
    AuditEntry entry = new AuditEntry();
    entry.eventId = event.id();
    entry.eventSource = event.source();
    entry.occurredAt = OffsetDateTime.parse(data.get("occurredAt").asText());
    entry.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
    JsonNode actor = data.get("actor");
    entry.actorId = actor.get("id").asText();
    entry.actorType = actor.get("type").asText();
    entry.actorDisplayName = text(actor, "displayName");
    entry.action = data.get("action").asText();
    JsonNode target = data.get("target");
    if (target != null && target.isObject()) {
      entry.targetType = text(target, "type");
      entry.targetId = text(target, "id");
      entry.targetName = text(target, "name");
    }
    entry.outcome = data.get("outcome").asText();
    entry.sourceAddress = text(data, "sourceAddress");
    entry.userAgent = text(data, "userAgent");
    entry.organization = text(data, "organization");
    entry.correlationId = text(data, "correlationId");
    JsonNode details = data.get("details");
    entry.details = details == null || details.isNull() ? null : details.toString();
    return entry;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
