package dev.vigil.backups.events;

import dev.vigil.common.events.EventData;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes backup lifecycle events to the outbox (topic {@code vigil.backups}). */
@ApplicationScoped
public class BackupEvents {

  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;

  BackupEvents(Outbox outbox, EventFactory events, VigilTopics topics) {
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
  }

  /** Enqueues an event about a target in the caller's transaction. */
  public Uni<Void> emit(String target, EventData data) {
    return outbox.enqueue(topics.backups(), events.create(target, data));
  }
}
