package dev.vigil.gateway.sso;

import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.KafkaCloudEvents;
import dev.vigil.common.events.access.PlatformAppObserved;
import dev.vigil.common.inbox.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the newest observation of the platform's enterprise application per tenant, from
 * access-review-service's Entra ID syncs on {@code vigil.access}, and re-evaluates AUTH-04 once it
 * is stored. An observation older than the one held (late or redelivered) changes nothing. The
 * topic carries the other access events too: those are skipped, while a record that is not a
 * CloudEvent at all is dead-lettered with the reason.
 */
@ApplicationScoped
public class PlatformAppObservationConsumer {

  static final String CHANNEL = "platform-app-observations";

  private final EventInbox inbox;
  private final EntraSsoEvaluator evaluator;

  PlatformAppObservationConsumer(EventInbox inbox, EntraSsoEvaluator evaluator) {
    this.inbox = inbox;
    this.evaluator = evaluator;
  }

  @Incoming(CHANNEL)
  Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    Header type = record.headers().lastHeader(KafkaCloudEvents.TYPE);
    if (type != null
        && !PlatformAppObserved.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
      return Uni.createFrom().voidItem();
    }
    return inbox
        .receive("gateway/" + CHANNEL, record, Set.of(PlatformAppObserved.TYPE), this::apply)
        .invoke(evaluator::reevaluate);
  }

  private Uni<Void> apply(CloudEvent event) {
    PlatformAppObserved observed = event.dataAs(PlatformAppObserved.class);
    return PlatformAppObservation.<PlatformAppObservation>findById(observed.tenant())
        .chain(
            held -> {
              if (held != null && !observed.observedAt().isAfter(held.observedAt)) {
                return Uni.createFrom().voidItem();
              }
              PlatformAppObservation newest = held != null ? held : new PlatformAppObservation();
              newest.tenantId = observed.tenant();
              newest.observedAt = observed.observedAt();
              newest.observation = PlatformAppObservation.json(observed);
              newest.eventId = event.id();
              newest.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
              return newest.persist().replaceWithVoid();
            });
  }
}
