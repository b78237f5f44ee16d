package dev.vigil.backups.jobs;

import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs the queued jobs of one {@link JobTable}, one at a time on this replica's own thread: each
 * {@link #wake()} drains the queue, claiming job after job until none is left. Blocking work
 * (pg_dump, pg_restore, storage) never runs on the event loop or the scheduler's threads.
 */
public final class JobQueue {

  private static final Logger LOG = Logger.getLogger(JobQueue.class);

  private final JobTable table;
  private final Consumer<UUID> run;
  private final ExecutorService worker;
  private final AtomicBoolean draining = new AtomicBoolean();

  /**
   * @param table the jobs' table, e.g. {@code backup}
   * @param run what a claimed job does; it records its own outcome
   */
  public JobQueue(Pool pool, String table, Consumer<UUID> run) {
    this.table = new JobTable(pool, table);
    this.run = run;
    this.worker =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "vigil-" + table + "-runner"));
  }

  /** Drains the queue on the runner thread, unless it is already draining. */
  public void wake() {
    if (!worker.isShutdown()) {
      worker.execute(this::drain);
    }
  }

  /** Stops taking jobs; a running one is abandoned (its heartbeat stops) for another runner. */
  public void shutdown() {
    worker.shutdownNow();
  }

  /** Jobs whose runner has not reported within the lease: their runner died. */
  public List<UUID> abandoned(Duration lease) {
    return table.abandoned(lease);
  }

  /** The progress and heartbeat of a claimed job. */
  public Heartbeat heartbeat(UUID id) {
    return new Heartbeat(table, id);
  }

  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      Optional<UUID> next;
      while ((next = table.claim()).isPresent()) {
        run.accept(next.get());
      }
    } catch (RuntimeException e) {
      LOG.warnf("The %s queue could not be read: %s", table, e.toString());
    } finally {
      draining.set(false);
    }
  }
}
