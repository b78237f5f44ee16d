package dev.vigil.gateway.sso;

import static dev.vigil.gateway.GatewayTestSupport.platformApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.common.events.access.PlatformAppObserved;
import dev.vigil.testing.kafka.CloudEventRecords;
import dev.vigil.testing.kafka.KafkaTestBroker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Observations of the platform's application from access-review-service, on a real broker. */
@QuarkusTest
class PlatformAppObservationConsumerTest {

  private static final String TOPIC = "vigil.access";
  private static final String KEY = "sp-platform";

  private static ProducerRecord<String, byte[]> observation(
      String eventId, String tenant, OffsetDateTime observedAt, boolean enabled) {
    return CloudEventRecords.cloudEvent(TOPIC, KEY, PlatformAppObserved.TYPE)
        .id(eventId)
        .source("/vigil/access-review-service")
        .body(platformApp(tenant, observedAt, enabled));
  }

  private static PlatformAppObservation held(String tenant) {
    try {
      return VertxContextSupport.subscribeAndAwait(
          () ->
              Panache.withSession(
                  () -> PlatformAppObservation.<PlatformAppObservation>findById(tenant)));
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitHeld(String tenant) {
    await().atMost(Duration.ofSeconds(30)).until(() -> held(tenant) != null);
  }

  @Test
  void shouldKeepTheNewestObservationWhateverTheDeliveryOrder() {
    String tenant = UUID.randomUUID().toString();
    OffsetDateTime newer = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    String newerId = UUID.randomUUID().toString();
    ProducerRecord<String, byte[]> newest = observation(newerId, tenant, newer, true);
    CloudEventRecords.produce(newest);
    awaitHeld(tenant);

    // An older observation saying disabled arrives late, and the newest is delivered again; the
    // marker after them, on the same key and so the same partition, proves both were read.
    String marker = UUID.randomUUID().toString();
    CloudEventRecords.produce(
        observation(UUID.randomUUID().toString(), tenant, newer.minusHours(1), false),
        newest,
        observation(UUID.randomUUID().toString(), marker, newer, true));
    awaitHeld(marker);

    PlatformAppObservation held = held(tenant);
    assertThat(held.eventId).isEqualTo(newerId);
    assertThat(held.observedAt.toInstant()).isEqualTo(newer.toInstant());
    assertThat(held.data().enabled()).isTrue();

    // A newer one replaces it.
    String latestId = UUID.randomUUID().toString();
    CloudEventRecords.produce(observation(latestId, tenant, newer.plusMinutes(5), false));
    await().atMost(Duration.ofSeconds(30)).until(() -> latestId.equals(held(tenant).eventId));
    assertThat(held(tenant).data().enabled()).isFalse();
  }

  @Test
  void shouldDeadLetterAMalformedObservationAndSkipTheTopicsOtherEvents() {
    ConsumerTask<String, byte[]> dead =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.dlq.gateway.platform-app-observations");
    // One key, so one partition: once the marker after them is stored, both others were read.
    String key = "bad-" + UUID.randomUUID();
    String marker = UUID.randomUUID().toString();
    CloudEventRecords.produce(
        CloudEventRecords.cloudEvent(TOPIC, key, PlatformAppObserved.TYPE)
            .body("{\"servicePrincipalId\":\"sp-platform\",\"exists\":true}"),
        CloudEventRecords.cloudEvent(TOPIC, key, "dev.vigil.access.campaign-started.v1")
            .body("{\"campaignId\":\"c-1\"}"),
        CloudEventRecords.cloudEvent(TOPIC, key, PlatformAppObserved.TYPE)
            .body(platformApp(marker, OffsetDateTime.now(ZoneOffset.UTC), true)));

    awaitHeld(marker);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> dead.getRecords().stream().anyMatch(r -> key.equals(r.key())));
    List<ConsumerRecord<String, byte[]>> deadLettered =
        dead.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    assertThat(deadLettered).hasSize(1);
    assertThat(CloudEventRecords.header(deadLettered.get(0), "ce_type"))
        .isEqualTo(PlatformAppObserved.TYPE);
    assertThat(CloudEventRecords.header(deadLettered.get(0), "dead-letter-reason"))
        .contains(PlatformAppObserved.TYPE)
        .contains("required");
  }
}
