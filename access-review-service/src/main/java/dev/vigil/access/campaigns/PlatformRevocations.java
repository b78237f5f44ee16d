package dev.vigil.access.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.EventJson;
import dev.vigil.common.events.KafkaCloudEvents;
import dev.vigil.common.events.access.RevocationApplied;
import dev.vigil.common.inbox.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The platform's answers to our revocation requests: a {@code revocation-applied} event on {@code
 * vigil.access} from the platform moves the campaign item it answers from REQUESTED (or FAILED,
 * when our SCIM call failed but the platform did it anyway) to APPLIED. Only a later snapshot
 * verifies it. Our own {@code revocation-applied} events and every other event on the topic are
 * passed over before the inbox.
 */
@ApplicationScoped
public class PlatformRevocations {

  private static final Logger LOG = Logger.getLogger(PlatformRevocations.class);

  static final String CHANNEL = "platform-revocations";

  /** {@code appliedBy} of the events this service publishes itself. */
  static final String SELF = "access-review-service";

  private final EventInbox inbox;

  PlatformRevocations(EventInbox inbox) {
    this.inbox = inbox;
  }

  @Incoming(CHANNEL)
  Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    if (!concerns(record)) {
      return Uni.createFrom().voidItem();
    }
    return inbox.receive(
        "access-review-service/" + CHANNEL, record, Set.of(RevocationApplied.TYPE), this::apply);
  }

  /**
   * Whether the record may be a platform's answer. Records without a type, or whose data cannot be
   * read, go on to the inbox, which dead-letters them with the reason.
   */
  private static boolean concerns(ConsumerRecord<String, byte[]> record) {
    Header type = record.headers().lastHeader(KafkaCloudEvents.TYPE);
    if (type == null) {
      return true;
    }
    if (!RevocationApplied.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
      return false;
    }
    try {
      JsonNode appliedBy = EventJson.MAPPER.readTree(record.value()).path("appliedBy");
      return !(appliedBy.isTextual() && SELF.equals(appliedBy.asText()));
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private Uni<Void> apply(CloudEvent event) {
    RevocationApplied applied = event.dataAs(RevocationApplied.class);
    if (SELF.equals(applied.appliedBy())) {
      return Uni.createFrom().voidItem();
    }
    // The request id is derived from the item, not stored: the item is found by its subject.
    return CampaignItem.<CampaignItem>list(
            "sourceName = ?1 and subjectId = ?2 and revocation is not null",
            applied.source(),
            applied.subject())
        .invoke(items -> markApplied(applied, items))
        .replaceWithVoid();
  }

  private static void markApplied(RevocationApplied applied, List<CampaignItem> items) {
    Optional<CampaignItem> answered =
        items.stream()
            .filter(item -> Revocations.requestId(item).equals(applied.requestId()))
            .findFirst();
    if (answered.isEmpty()) {
      LOG.infof(
          "revocation-applied from %s answers no known request (%s on %s); acknowledged",
          applied.appliedBy(), applied.requestId(), applied.source());
      return;
    }
    CampaignItem item = answered.get();
    if (Revocations.REQUESTED.equals(item.revocation)
        || Revocations.FAILED.equals(item.revocation)) {
      item.revocation = Revocations.APPLIED;
      item.revocationError = null;
      LOG.infof(
          "Revocation %s of %s on %s applied by %s",
          applied.requestId(), item.subjectId, item.sourceName, applied.appliedBy());
    }
  }
}
