package dev.vigil.access.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.access.AccessConfig;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.EventJson;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.inbox.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Platform sign-ins and API-key uses on {@code vigil.audit} update last activity. Everything else
 * on the topic (Vigil's own API calls and changes) is passed over before the inbox, so the inbox
 * only remembers the events that change something.
 */
@ApplicationScoped
public class ActivityConsumer {

  static final String CHANNEL = "platform-activity";

  private final EventInbox inbox;
  private final PlatformActivity activity;
  private final AccessConfig config;

  ActivityConsumer(EventInbox inbox, PlatformActivity activity, AccessConfig config) {
    this.inbox = inbox;
    this.activity = activity;
    this.config = config;
  }

  @Incoming(CHANNEL)
  Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    if (!concerns(record.value())) {
      return Uni.createFrom().voidItem();
    }
    return inbox.receive(
        "access-review-service/" + CHANNEL, record, Set.of(AuditEventRecorded.TYPE), this::apply);
  }

  /**
   * Whether the action is one we track; undecodable records go on to the inbox, which rejects them.
   */
  private boolean concerns(byte[] value) {
    try {
      JsonNode action = EventJson.MAPPER.readTree(value).path("action");
      return !action.isTextual() || tracked(action.asText());
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private boolean tracked(String action) {
    AccessConfig.Activity settings = config.activity();
    return settings.signInActions().contains(action) || settings.apiKeyActions().contains(action);
  }

  private Uni<Void> apply(CloudEvent event) {
    AuditEventRecorded audit = event.dataAs(AuditEventRecorded.class);
    if (!"success".equals(audit.outcome())) {
      return Uni.createFrom().voidItem();
    }
    AccessConfig.Activity settings = config.activity();
    if (settings.signInActions().contains(audit.action())
        && audit.actor() != null
        && audit.actor().id() != null) {
      return activity.record(PlatformActivity.Kind.SIGN_IN, audit.actor().id(), audit.occurredAt());
    }
    if (settings.apiKeyActions().contains(audit.action())
        && audit.target() != null
        && "api-key".equals(audit.target().type())
        && audit.target().id() != null) {
      return activity.record(
          PlatformActivity.Kind.API_KEY, audit.target().id(), audit.occurredAt());
    }
    return Uni.createFrom().voidItem();
  }
}
