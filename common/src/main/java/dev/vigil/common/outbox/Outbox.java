package dev.vigil.common.outbox;

import dev.vigil.common.correlation.CorrelationId;
import dev.vigil.common.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's current transaction, so the event exists
 * exactly when the state change commits, with the correlation ID of the request that wrote them
 * ({@link CorrelationId#current()}, none outside a request). {@link OutboxRelay} publishes them.
 *
 * <p>A producer whose events are the whole change (no other state to commit with them, such as the
 * gateway's call audit) can instead write many at once with {@link #appendAll}: one statement, one
 * round trip, its own transaction.
 */
@ApplicationScoped
public class Outbox {

  private static final String INSERT =
      "INSERT INTO vigil_outbox (event_id, topic, event_type, event_source, subject, data_schema,"
          + " occurred_at, payload, correlation_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
          + " CAST(CAST(?8 AS text) AS jsonb), CAST(?9 AS text)) ON CONFLICT (event_id) DO NOTHING";

  private static final String INSERT_JDBC =
      "INSERT INTO vigil_outbox (event_id, topic, event_type, event_source, subject, data_schema,"
          + " occurred_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(CAST(? AS text) AS jsonb))"
          + " ON CONFLICT (event_id) DO NOTHING";

  // One statement is one implicit transaction; set_config(..., true) applies to that transaction.
  private static final String INSERT_ALL =
      "INSERT INTO vigil_outbox (event_id, topic, event_type, event_source, subject, data_schema,"
          + " occurred_at, payload)"
          + " SELECT e.event_id, $1, e.event_type, e.event_source, e.subject, e.data_schema,"
          + " e.occurred_at, CAST(e.payload AS jsonb)"
          + " FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],"
          + " $7::timestamptz[], $8::text[]) WITH ORDINALITY"
          + " AS e(event_id, event_type, event_source, subject, data_schema, occurred_at, payload,"
          + " position)"
          + " CROSS JOIN (SELECT set_config('synchronous_commit', $9, true)) AS durability"
          + " ORDER BY e.position"
          + " ON CONFLICT (event_id) DO NOTHING";

  /**
   * Adds an event to the outbox. An event whose id is already there is not added again, so a
   * producer retrying with the same id stays idempotent.
   *
   * @throws IllegalStateException (as a failed Uni) when called outside a transaction: an outbox
   *     write without one would defeat its purpose
   */
  public Uni<Void> enqueue(String topic, CloudEvent event) {
    String correlation = CorrelationId.current();
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
                    .setParameter(9, correlation)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * As {@link #enqueue(String, CloudEvent)} for a blocking job that holds its own JDBC transaction
   * (a long directory sync): the event commits or rolls back with the caller's connection.
   */
  public void enqueue(Connection db, String topic, CloudEvent event) throws SQLException {
    if (db.getAutoCommit()) {
      throw new IllegalStateException("outbox writes need the caller's transaction");
    }
    try (PreparedStatement insert = db.prepareStatement(INSERT_JDBC)) {
      insert.setObject(1, UUID.fromString(event.id()));
      insert.setString(2, topic);
      insert.setString(3, event.type());
      insert.setString(4, event.source());
      insert.setString(5, event.subject());
      insert.setString(6, event.dataSchema());
      insert.setObject(7, event.time());
      insert.setString(8, event.data().toString());
      insert.executeUpdate();
    }
  }

  /**
   * Adds the events in one statement that commits on its own, outside any caller transaction; ids
   * already present are skipped. Use only when the events are the whole change.
   *
   * @param waitForFlush whether the commit waits for PostgreSQL's WAL flush; without it only a
   *     crash of PostgreSQL itself within its WAL writer delay can lose the events
   */
  public Uni<Void> appendAll(
      SqlClient client, String topic, List<CloudEvent> events, boolean waitForFlush) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int size = events.size();
    UUID[] ids = new UUID[size];
    String[] types = new String[size];
    String[] sources = new String[size];
    String[] subjects = new String[size];
    String[] schemas = new String[size];
    OffsetDateTime[] times = new OffsetDateTime[size];
    String[] payloads = new String[size];
    for (int i = 0; i < size; i++) {
      CloudEvent event = events.get(i);
      ids[i] = UUID.fromString(event.id());
      types[i] = event.type();
      sources[i] = event.source();
      subjects[i] = event.subject();
      schemas[i] = event.dataSchema();
      times[i] = event.time();
      payloads[i] = event.data().toString();
    }
    return client
        .preparedQuery(INSERT_ALL)
        .execute(
            Tuple.tuple(
                List.of(
                    topic,
                    ids,
                    types,
                    sources,
                    subjects,
                    schemas,
                    times,
                    payloads,
                    waitForFlush ? "on" : "off")))
        .replaceWithVoid();
  }
}
