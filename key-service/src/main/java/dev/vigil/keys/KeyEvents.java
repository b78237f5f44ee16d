package dev.vigil.keys;

import dev.vigil.common.events.EventData;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes key lifecycle events to the outbox (topic {@code vigil.keys}) in the caller's transaction.
 */
@ApplicationScoped
public class KeyEvents {

  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;

  KeyEvents(Outbox outbox, EventFactory events, VigilTopics topics) {
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
  }

  /** Enqueues an event of a {@code vigil.keys} type; its data must match the type's schema. */
  public Uni<Void> emit(String subject, EventData data) {
    return outbox.enqueue(topics.keys(), events.create(subject, data));
  }
}
