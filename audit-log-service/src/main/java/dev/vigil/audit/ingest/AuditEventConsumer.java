package dev.vigil.audit.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.audit.chain.AuditLedger;
import dev.vigil.audit.detection.SignInDetector;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.RejectedEventException;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.inbox.DeadLetters;
import dev.vigil.common.inbox.EventInbox;
import dev.vigil.common.inbox.EventInbox.Received;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Appends audit events from the audit topic to the hash-chained log and runs detection on them, a
 * polled batch per transaction. Redelivered events change nothing (inbox); invalid records go to
 * the dead-letter topic and the rest of their batch is stored. Late events keep their own
 * occurred-at.
 */
@ApplicationScoped
public class AuditEventConsumer {

  static final String CHANNEL = "audit-events";
  static final String DEAD_LETTERS = "audit-events-dead-letters";

  private final EventInbox inbox;
  private final AuditLedger ledger;
  private final SignInDetector detector;
  private final MutinyEmitter<byte[]> deadLetters;

  AuditEventConsumer(
      EventInbox inbox,
      AuditLedger ledger,
      SignInDetector detector,
      @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters) {
    this.inbox = inbox;
    this.ledger = ledger;
    this.detector = detector;
    this.deadLetters = deadLetters;
  }

  @Incoming(CHANNEL)
  Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
    records.forEach(batch::add);
    return inbox.receiveAll(
        "audit-log-service/" + CHANNEL,
        batch,
        Set.of(AuditEventRecorded.TYPE),
        AuditEventConsumer::storable,
        (record, reason) -> deadLetters.sendMessage(DeadLetters.of(record, reason)),
        this::prepare,
        this::append);
  }

  /** Entries computed before the transaction, per chain (see {@link AuditLedger#prepare}). */
  private Map<String, AuditLedger.Prepared> prepare(List<Received> received) {
    Map<String, AuditLedger.Prepared> prepared = new HashMap<>();
    byChain(received)
        .forEach(
            (chain, events) -> {
              AuditLedger.Prepared entries = ledger.prepare(events, chain);
              if (entries != null) {
                prepared.put(chain, entries);
              }
            });
    return prepared;
  }

  private Uni<Void> append(List<Received> received, Map<String, AuditLedger.Prepared> prepared) {
    return Multi.createFrom()
        .iterable(byChain(received).entrySet())
        .onItem()
        .transformToUniAndConcatenate(
            chain ->
                // One chain after the other, stored then inspected: they share the session.
                ledger
                    .appendAll(chain.getValue(), chain.getKey(), prepared.get(chain.getKey()))
                    .chain(detector::inspectAll))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * One hash chain per partition: a partition has one consumer at a time, in order. Chains come in
   * name order, so concurrent batches never wait on each other's head locks in a cycle.
   */
  private static Map<String, List<CloudEvent>> byChain(List<Received> received) {
    Map<String, List<CloudEvent>> byChain = new TreeMap<>();
    for (Received r : received) {
      byChain.computeIfAbsent("p" + r.record().partition(), c -> new ArrayList<>()).add(r.event());
    }
    return byChain;
  }

  /** What the schema cannot say: the envelope fits its columns and no text holds a NUL. */
  private static void storable(CloudEvent event) {
    if (event.id().length() > 128 || event.source().length() > 256) {
      throw new RejectedEventException("the event id (max 128) or source (max 256) is too long");
    }
    try {
      // The schema's date-time admits forms the chain's parser does not (a space separator, a
      // leap second): such an event could never be chained.
      OffsetDateTime.parse(event.data().get("occurredAt").asText());
    } catch (DateTimeParseException e) {
      throw new RejectedEventException("/occurredAt: not an RFC 3339 date-time with a 'T'");
    }
    if (holdsNul(event.data())) {
      throw new RejectedEventException("the data holds a NUL character, which cannot be stored");
    }
  }

  private static boolean holdsNul(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().indexOf('\0') >= 0;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().indexOf('\0') >= 0 || holdsNul(field.getValue())) {
        return true;
      }
    }
    for (JsonNode element : node.isArray() ? node : List.<JsonNode>of()) {
      if (holdsNul(element)) {
        return true;
      }
    }
    return false;
  }
}
