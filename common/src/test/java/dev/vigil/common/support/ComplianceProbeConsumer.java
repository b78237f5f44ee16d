package dev.vigil.common.support;

import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.inbox.EventInbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Stores every control evaluation it receives, through the shared inbox. */
@ApplicationScoped
public class ComplianceProbeConsumer {

  private final EventInbox inbox;

  ComplianceProbeConsumer(EventInbox inbox) {
    this.inbox = inbox;
  }

  @Incoming("test-compliance")
  Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return inbox.receive(
        "common-test/test-compliance",
        record,
        Set.of(ControlEvaluation.TYPE),
        event ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "INSERT INTO test_received (event_id, subject, status) VALUES (?1, ?2, ?3)")
                            .setParameter(1, event.id())
                            .setParameter(2, event.subject())
                            .setParameter(3, event.data().get("status").asText())
                            .executeUpdate())
                .replaceWithVoid());
  }
}
