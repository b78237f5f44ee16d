package dev.vigil.access.sources.graph;

import dev.vigil.access.AccessConfig;
import dev.vigil.access.snapshot.SnapshotReplaced;
import dev.vigil.access.snapshot.SnapshotStore;
import dev.vigil.access.snapshot.Source;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.jobs.Workers;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.EntraIdConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Syncs ENTRA sources from Microsoft Graph. Graph pages are written as they arrive, on one JDBC
 * connection inside one transaction, and the new snapshot is built from them in SQL and swapped in
 * before the commit: memory holds a page, never the directory. A failure anywhere rolls back, which
 * keeps the previous snapshot (and directory and delta link) whole, and records the reason on the
 * source.
 *
 * <p>Each sync also observes the platform's own enterprise application (the platform side of
 * AUTH-04) and publishes it through the outbox in the snapshot's transaction; when the directory
 * read fails, the observation is still published on its own (a missing service principal is exactly
 * what it must report).
 */
@ApplicationScoped
public class EntraSync {

  private static final Logger LOG = Logger.getLogger(EntraSync.class);

  /** One sync at a time over all replicas: a Graph read is long and rate-limited. */
  static final long LOCK = 0x5643_4143_5359_4E43L;

  /** How a sync ended. */
  public enum Outcome {
    SYNCED,
    FAILED,
    BUSY
  }

  private final AccessConfig config;
  private final SnapshotStore store;
  private final Event<SnapshotReplaced> replaced;
  private final DataSource dataSource;
  private final EntraIdConfig entra;
  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;

  EntraSync(
      AccessConfig config,
      SnapshotStore store,
      Event<SnapshotReplaced> replaced,
      DataSource dataSource,
      EntraIdConfig entra,
      EventFactory events,
      Outbox outbox,
      VigilTopics topics) {
    this.dataSource = dataSource;
    this.entra = entra;
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
    this.config = config;
    this.store = store;
    this.replaced = replaced;
  }

  @Scheduled(
      identity = "access-entra-sync",
      every = "${vigil.access.sync-interval:6h}",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return Panache.withSession(() -> Source.<Source>list("kind", SourceKind.ENTRA))
        .chain(
            sources ->
                Multi.createFrom()
                    .iterable(sources)
                    .onItem()
                    .transformToUniAndConcatenate(s -> sync(s.id))
                    .collect()
                    .last())
        .replaceWithVoid();
  }

  /** Reads the source from Graph and replaces its snapshot, or records why it could not. */
  public Uni<Outcome> sync(long sourceId) {
    return Panache.withSession(() -> Source.byId(sourceId))
        .invoke(
            source -> {
              if (source.kind != SourceKind.ENTRA) {
                throw new ClientErrorException(
                    "source " + source.name + " is pushed by the platform",
                    Response.Status.CONFLICT);
              }
            })
        .chain(source -> Workers.offload(() -> stream(sourceId)))
        .chain(
            written ->
                written == null
                    ? Uni.createFrom().item(Outcome.BUSY)
                    : Panache.withTransaction(
                        () ->
                            Source.byId(sourceId)
                                .invoke(source -> source.succeeded(now()))
                                .call(this::replaced)
                                .replaceWith(Outcome.SYNCED)))
        // Client errors (unknown source, wrong kind) are the caller's; everything else is the
        // sync's.
        .onFailure(failure -> !(failure instanceof WebApplicationException))
        .recoverWithUni(failure -> failed(sourceId, failure));
  }

  /** The sync's transaction; null when another replica's sync holds the lock. Blocking. */
  private EntraReader.Result stream(long sourceId) {
    try (Connection db = dataSource.getConnection()) {
      db.setAutoCommit(false);
      try {
        DirectoryStore directory = new DirectoryStore(db);
        if (!directory.lock(LOCK)) {
          db.rollback();
          return null;
        }
        // A fresh client per sync, so no token outlives it.
        GraphClient graph = new GraphClient(config.graph());
        Instant now = Instant.now();
        CloudEvent observed = observePlatformApp(graph, now);
        EntraReader.Result result;
        try {
          result = new EntraReader(graph, config.graph(), directory).sync(sourceId, now);
        } catch (RuntimeException | SQLException e) {
          db.rollback();
          publishAlone(db, observed, e);
          throw e;
        }
        publish(db, observed);
        db.commit();
        LOG.infof("Entra ID source %d synced (%s read of the users)", sourceId, result.mode());
        return result;
      } catch (RuntimeException | SQLException e) {
        db.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new EntraReader.SyncStoreException(e);
    }
  }

  /**
   * The platform side of AUTH-04 as its event; null when no service principal is configured or the
   * observation could not be made into one, which must not fail the directory sync either.
   */
  private CloudEvent observePlatformApp(GraphClient graph, Instant now) {
    try {
      return config
          .graph()
          .platformServicePrincipalId()
          .map(sp -> new PlatformAppObserver(graph).observe(entra.tenantId(), sp, now))
          .map(observed -> events.create(observed.servicePrincipalId(), observed))
          .orElse(null);
    } catch (RuntimeException e) {
      LOG.warnf("the platform application could not be observed: %s", e.getClass().getSimpleName());
      return null;
    }
  }

  private void publish(Connection db, CloudEvent observed) throws SQLException {
    if (observed != null) {
      outbox.enqueue(db, topics.access(), observed);
    }
  }

  /** After a failed directory read: the observation in a transaction of its own. */
  private void publishAlone(Connection db, CloudEvent observed, Exception failure) {
    try {
      publish(db, observed);
      db.commit();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      LOG.warnf("the platform application observation was not published: %s", e.toString());
    }
  }

  /** The new snapshot is loaded only by an observer that needs it: a directory can be large. */
  private Uni<Void> replaced(Source source) {
    return ChainedEvent.publish(
        replaced, new SnapshotReplaced(source, () -> store.current(source)));
  }

  private Uni<Outcome> failed(long sourceId, Throwable failure) {
    // Graph failures name a path and a status; anything else only its type, never a body.
    String reason =
        failure instanceof GraphException || failure instanceof EntraReader.SyncStoreException
            ? failure.getMessage()
            : "sync failed: " + failure.getClass().getSimpleName();
    LOG.warnf("Entra ID sync of source %d failed: %s", sourceId, reason);
    return Panache.withTransaction(
        () ->
            Source.byId(sourceId)
                .invoke(source -> source.failed(now(), reason))
                .replaceWith(Outcome.FAILED));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
