package dev.vigil.gateway.audit;

import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for call audit events: events that arrive while a batch commits go into the next
 * batch, so one transaction (and one WAL flush) carries many calls under load while a lone call
 * still commits at once. Each caller's Uni completes when its event is committed to the outbox.
 */
@ApplicationScoped
public class AuditBatcher {

  static final Duration BATCH_TIMEOUT = Duration.ofSeconds(10);

  private record Pending(CloudEvent event, CompletableFuture<Void> committed) {}

  private final Outbox outbox;
  private final VigilTopics topics;
  private final Vertx vertx;
  private final CallAuditConfig config;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final int maxBatch;

  AuditBatcher(Outbox outbox, VigilTopics topics, Vertx vertx, CallAuditConfig config) {
    this.outbox = outbox;
    this.topics = topics;
    this.vertx = vertx;
    this.config = config;
    this.maxBatch = Math.max(1, config.maxBatch());
  }

  /** Queues the event; the Uni completes once it is committed, or fails with the batch. */
  public Uni<Void> record(CloudEvent event) {
    CompletableFuture<Void> committed = new CompletableFuture<>();
    queue.add(new Pending(event, committed));
    flushIfIdle();
    return Uni.createFrom().completionStage(committed);
  }

  private void flushIfIdle() {
    // Loops rather than returns after releasing the flag: an event queued while this thread held
    // it found the flag taken, and would otherwise wait for the next call.
    while (!queue.isEmpty() && flushing.compareAndSet(false, true)) {
      List<Pending> batch = new ArrayList<>();
      for (Pending next; batch.size() < maxBatch && (next = queue.poll()) != null; ) {
        batch.add(next);
      }
      if (!batch.isEmpty()) {
        flush(batch);
        return;
      }
      flushing.set(false);
    }
  }

  private void flush(List<Pending> batch) {
    // A fresh duplicated context per batch: its own Hibernate Reactive session, never a caller's.
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        ignored ->
            Panache.withTransaction(() -> write(batch))
                // Every API response waits for its batch: a stuck transaction must not hold them.
                .ifNoItem()
                .after(BATCH_TIMEOUT)
                .fail()
                .subscribe()
                .with(done -> finish(batch, null), failure -> finish(batch, failure)));
  }

  private Uni<Void> write(List<Pending> batch) {
    Uni<Void> durability =
        config.synchronousCommit()
            ? Uni.createFrom().voidItem()
            : Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery("SET LOCAL synchronous_commit = off")
                            .executeUpdate())
                .replaceWithVoid();
    return durability.chain(() -> events(batch));
  }

  private Uni<Void> events(List<Pending> batch) {
    return Multi.createFrom()
        .iterable(batch)
        .onItem()
        .transformToUniAndConcatenate(p -> outbox.enqueue(topics.audit(), p.event()))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private void finish(List<Pending> batch, Throwable failure) {
    flushing.set(false);
    for (Pending pending : batch) {
      if (failure == null) {
        pending.committed().complete(null);
      } else {
        pending.committed().completeExceptionally(failure);
      }
    }
    flushIfIdle();
  }
}
