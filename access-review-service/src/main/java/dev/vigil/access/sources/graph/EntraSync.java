package dev.vigil.access.sources.graph;

import dev.vigil.access.AccessConfig;
import dev.vigil.access.campaigns.Revocations;
import dev.vigil.access.controls.AccessControls;
import dev.vigil.access.snapshot.SnapshotStore;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.snapshot.SourceSnapshot;
import dev.vigil.access.sources.Source;
import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.common.jobs.Workers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Syncs ENTRA sources from Microsoft Graph. The whole directory is read first; only then is the new
 * snapshot written, in the transaction that supersedes the old one. A failure anywhere keeps the
 * previous snapshot whole and records the reason on the source.
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
  private final AccessControls controls;
  private final Revocations revocations;

  EntraSync(
      AccessConfig config, SnapshotStore store, AccessControls controls, Revocations revocations) {
    this.config = config;
    this.store = store;
    this.controls = controls;
    this.revocations = revocations;
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
    return SingleReplica.inTransaction(
            LOCK,
            session ->
                Source.byId(sourceId)
                    .chain(
                        source -> {
                          if (source.kind != SourceKind.ENTRA) {
                            throw new ClientErrorException(
                                "source " + source.name + " is pushed by the platform",
                                Response.Status.CONFLICT);
                          }
                          String name = source.name;
                          return Workers.offload(() -> read(name))
                              .call(snapshot -> store.replace(source, snapshot))
                              .call(snapshot -> revocations.verify(source, snapshot))
                              .invoke(() -> source.succeeded(now()))
                              .call(controls::evaluate)
                              .replaceWith(Outcome.SYNCED);
                        }),
            () -> Outcome.BUSY)
        // Client errors (unknown source, wrong kind) are the caller's; everything else is the
        // sync's.
        .onFailure(failure -> !(failure instanceof WebApplicationException))
        .recoverWithUni(failure -> failed(sourceId, failure));
  }

  /** A fresh client per sync, so no token outlives it. Blocking. */
  private SourceSnapshot read(String name) {
    return new EntraReader(new GraphClient(config.graph()), config.graph())
        .read(name, Instant.now());
  }

  private Uni<Outcome> failed(long sourceId, Throwable failure) {
    // Graph failures name a path and a status; anything else only its type, never a body.
    String reason =
        failure instanceof GraphException
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
