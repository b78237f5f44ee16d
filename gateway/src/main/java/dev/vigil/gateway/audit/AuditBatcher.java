package dev.vigil.gateway.audit;

import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for call audit events: events that arrive while a batch commits go into the next
 * batch, so one statement (one round trip, one commit) carries many calls under load while a lone
 * call still commits at once. Each caller's Uni completes when its event is committed to the
 * outbox.
 */
@ApplicationScoped
public class AuditBatcher {

  static final Duration BATCH_TIMEOUT = Duration.ofSeconds(10);

  private record Pending(CloudEvent event, CompletableFuture<Void> committed) {}

  private final Outbox outbox;
  private final VigilTopics topics;
  private final Pool pool;
  private final CallAuditConfig config;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final int maxBatch;

  AuditBatcher(Outbox outbox, VigilTopics topics, Pool pool, CallAuditConfig config) {
    this.outbox = outbox;
    this.topics = topics;
    this.pool = pool;
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
    List<CloudEvent> events = batch.stream().map(Pending::event).toList();
    outbox
        .appendAll(pool, topics.audit(), events, config.synchronousCommit())
        // Every API response waits for its batch: a stuck statement must not hold them.
        .ifNoItem()
        .after(BATCH_TIMEOUT)
        .fail()
        .subscribe()
        .with(done -> finish(batch, null), failure -> finish(batch, failure));
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
