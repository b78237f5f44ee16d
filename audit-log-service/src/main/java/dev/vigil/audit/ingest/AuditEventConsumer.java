package dev.vigil.audit.ingest;

import dev.vigil.audit.chain.AuditLedger;
import dev.vigil.audit.detection.SignInDetector;
import dev.vigil.common.inbox.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Appends audit events from the audit topic to the hash-chained log and runs detection on them, in
 * one transaction. Redelivered events change nothing (inbox); invalid records go to the channel's
 * dead-letter topic. Late events keep their own occurred-at.
 */
@ApplicationScoped
public class AuditEventConsumer {

  static final String CHANNEL = "audit-events";

  private final EventInbox inbox;
  private final AuditLedger ledger;
  private final SignInDetector detector;

  AuditEventConsumer(EventInbox inbox, AuditLedger ledger, SignInDetector detector) {
    this.inbox = inbox;
    this.ledger = ledger;
    this.detector = detector;
  }

  @Incoming(CHANNEL)
  Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    // One hash chain per partition: a partition has one consumer at a time, in order.
    String chain = "p" + record.partition();
    return inbox.receive(
        "audit-log-service/" + CHANNEL,
        record,
        Set.of(AuditEvents.RECORDED),
        event -> ledger.append(event, chain).chain(detector::inspect));
  }
}
