package dev.vigil.common.outbox;

import dev.vigil.common.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's current transaction, so the event exists
 * exactly when the state change commits. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

  private static final String INSERT =
      "INSERT INTO vigil_outbox (event_id, topic, event_type, event_source, subject, data_schema,"
          + " occurred_at, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(CAST(?8 AS text) AS jsonb))"
          + " ON CONFLICT (event_id) DO NOTHING";

  /**
   * Adds an event to the outbox. An event whose id is already there is not added again, so a
   * producer retrying with the same id stays idempotent.
   *
   * @throws IllegalStateException (as a failed Uni) when called outside a transaction: an outbox
   *     write without one would defeat its purpose
   */
  public Uni<Void> enqueue(String topic, CloudEvent event) {
    return Panache.currentTransaction()
        .onItem()
        .ifNull()
        .failWith(() -> new IllegalStateException("outbox writes need the caller's transaction"))
        .chain(tx -> Panache.getSession())
        .chain(
            session ->
                session
                    .createNativeQuery(INSERT)
                    .setParameter(1, UUID.fromString(event.id()))
                    .setParameter(2, topic)
                    .setParameter(3, event.type())
                    .setParameter(4, event.source())
                    .setParameter(5, event.subject())
                    .setParameter(6, event.dataSchema())
                    .setParameter(7, event.time())
                    .setParameter(8, event.data().toString())
                    .executeUpdate())
        .replaceWithVoid();
  }
}
