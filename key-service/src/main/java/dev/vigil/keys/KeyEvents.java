package dev.vigil.keys;

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

  public static final String VERSION_CHANGED = "dev.vigil.keys.version-changed.v1";
  public static final String REENCRYPTION_PROGRESSED = "dev.vigil.keys.reencryption-progressed.v1";
  public static final String BACKUP_RECORDED = "dev.vigil.keys.backup-recorded.v1";
  public static final String LEAK_FOUND = "dev.vigil.keys.leak-found.v1";

  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;

  KeyEvents(Outbox outbox, EventFactory events, VigilTopics topics) {
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
  }

  /** Enqueues an event of a {@code vigil.keys} type; its data must match the type's schema. */
  public Uni<Void> emit(String type, String subject, Object data) {
    return outbox.enqueue(topics.keys(), events.create(type, subject, data));
  }
}
