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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit for call audit events: events that arrive while a batch commits go into the next
 * batch, so one transaction (and one WAL flush) carries many calls under load while a lone call
 * still commits at once. Each caller's Uni completes when its event is committed to the outbox.
 */
@ApplicationScoped
public class AuditBatcher {

  private record Pending(CloudEvent event, CompletableFuture<Void> committed) {}

  private final Outbox outbox;
  private final VigilTopics topics;
  private final Vertx vertx;
  private final CallAuditConfig config;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean flushing = new AtomicBoolean();

  AuditBatcher(Outbox outbox, VigilTopics topics, Vertx vertx, CallAuditConfig config) {
    this.outbox = outbox;
    this.topics = topics;
    this.vertx = vertx;
    this.config = config;
  }

  /** Queues the event; the Uni completes once it is committed, or fails with the batch. */
  public Uni<Void> record(CloudEvent event) {
    CompletableFuture<Void> committed = new CompletableFuture<>();
    queue.add(new Pending(event, committed));
    queued.incrementAndGet();
    flushIfIdle();
    return Uni.createFrom().completionStage(committed);
  }

  private void flushIfIdle() {
    if (queued.get() == 0 || !flushing.compareAndSet(false, true)) {
      return;
    }
    List<Pending> batch = new ArrayList<>();
    for (Pending next; batch.size() < config.maxBatch() && (next = queue.poll()) != null; ) {
      batch.add(next);
    }
    queued.addAndGet(-batch.size());
    if (batch.isEmpty()) {
      flushing.set(false);
      return;
    }
    // A fresh duplicated context per batch: its own Hibernate Reactive session, never a caller's.
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        ignored ->
            Panache.withTransaction(() -> write(batch))
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
