package dev.vigil.access.sources.scim;

import dev.vigil.access.activity.PlatformActivity;
import dev.vigil.access.snapshot.SnapshotReplaced;
import dev.vigil.access.snapshot.SnapshotStore;
import dev.vigil.access.snapshot.Source;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.snapshot.SourceSnapshot;
import dev.vigil.access.sources.graph.EntraSync.Outcome;
import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.common.jobs.Workers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Syncs a PLATFORM source's members from its SCIM 2.0 API. Like a Graph sync, the whole read
 * completes before anything is written, so a failure on any page keeps the previous snapshot whole
 * and reports the reason in the source's {@code lastError}. Every PLATFORM source with a SCIM base
 * URL is synced every {@code vigil.access.scim.sync-interval}, one sync at a time over all replicas
 * (the advisory lock below).
 */
@ApplicationScoped
public class ScimSync {

  private static final Logger LOG = Logger.getLogger(ScimSync.class);

  static final long LOCK = 0x5643_4143_5343_494dL;

  private final ScimClient scim;
  private final SnapshotStore store;
  private final PlatformActivity activity;
  private final Event<SnapshotReplaced> replaced;

  ScimSync(
      ScimClient scim,
      SnapshotStore store,
      PlatformActivity activity,
      Event<SnapshotReplaced> replaced) {
    this.scim = scim;
    this.store = store;
    this.activity = activity;
    this.replaced = replaced;
  }

  @Scheduled(
      identity = "access-scim-sync",
      every = "${vigil.access.scim.sync-interval:6h}",
      delayed = "45s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return Panache.withSession(
            () ->
                Source.<Source>list(
                    "kind = ?1 and scimBaseUrl is not null order by id", SourceKind.PLATFORM))
        .map(sources -> sources.stream().filter(s -> scim.available(s.scimBaseUrl)).toList())
        .chain(this::syncEach);
  }

  /** One after the other: a source that fails records why and does not stop the rest. */
  private Uni<Void> syncEach(List<Source> sources) {
    return Multi.createFrom()
        .iterable(sources)
        .onItem()
        .transformToUniAndConcatenate(
            source ->
                sync(source.id)
                    .onFailure()
                    .recoverWithItem(
                        failure -> {
                          LOG.warnf(
                              "Scheduled SCIM sync of source %d refused: %s",
                              source.id, failure.getMessage());
                          return Outcome.FAILED;
                        }))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * @return SYNCED, FAILED (the reason in the source's lastError) or BUSY (another sync holds the
   *     lock)
   * @throws ClientErrorException 409 for a source that is not PLATFORM or has no SCIM base URL or
   *     token
   */
  public Uni<Outcome> sync(long sourceId) {
    return SingleReplica.inTransaction(
            LOCK,
            session ->
                Source.byId(sourceId)
                    .chain(
                        source -> {
                          if (source.kind != SourceKind.PLATFORM
                              || !scim.available(source.scimBaseUrl)) {
                            throw new ClientErrorException(
                                "source "
                                    + source.name
                                    + " has no SCIM API to read (a PLATFORM source with a"
                                    + " scimBaseUrl, and vigil.access.scim.token)",
                                Response.Status.CONFLICT);
                          }
                          return store
                              .current(source)
                              .chain(
                                  previous ->
                                      Workers.offload(() -> read(source, previous))
                                          .call(snapshot -> write(source, snapshot)))
                              .replaceWith(Outcome.SYNCED);
                        }),
            () -> Outcome.BUSY)
        .onFailure(failure -> !(failure instanceof WebApplicationException))
        .recoverWithUni(failure -> failed(sourceId, failure));
  }

  private SourceSnapshot read(Source source, SourceSnapshot previous) {
    ScimMembers members = new ScimMembers();
    scim.list(source.scimBaseUrl, "Users", members::user);
    scim.list(source.scimBaseUrl, "Groups", members::group);
    return members.snapshot(source.name, Instant.now(), previous);
  }

  private Uni<Void> write(Source source, SourceSnapshot snapshot) {
    return store
        .replace(source, snapshot)
        .call(saved -> activity.applyTo(saved.id))
        .invoke(() -> source.succeeded(OffsetDateTime.now(ZoneOffset.UTC)))
        .call(() -> ChainedEvent.publish(replaced, new SnapshotReplaced(source, snapshot)))
        .replaceWithVoid();
  }

  private Uni<Outcome> failed(long sourceId, Throwable failure) {
    String reason =
        failure instanceof ScimException
            ? failure.getMessage()
            : "SCIM sync failed: " + failure.getClass().getSimpleName();
    LOG.warnf("SCIM sync of source %d failed: %s", sourceId, reason);
    return Panache.withTransaction(
        () ->
            Source.byId(sourceId)
                .invoke(source -> source.failed(OffsetDateTime.now(ZoneOffset.UTC), reason))
                .replaceWith(Outcome.FAILED));
  }
}
