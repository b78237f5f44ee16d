package dev.vigil.backups.jobs;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A table of queued jobs ({@code backup}, {@code restore_run}) that replicas take one at a time: a
 * claim moves the oldest QUEUED row to RUNNING under {@code FOR UPDATE SKIP LOCKED}, so exactly one
 * replica gets it; the runner's heartbeat keeps it; a row whose heartbeat is older than the lease
 * belongs to a runner that died. Blocking: call from worker threads.
 */
public final class JobTable {

  /** This process, as {@code runner} names it. */
  public static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Pool pool;
  private final String table;

  public JobTable(Pool pool, String table) {
    this.pool = pool;
    this.table = table;
  }

  /** Takes the oldest queued job, if any. */
  public Optional<UUID> claim() {
    var rows =
        pool.preparedQuery(
                "UPDATE "
                    + table
                    + " SET status = 'RUNNING', runner = $1, started_at = now(), heartbeat_at = now()"
                    + " WHERE id = (SELECT id FROM "
                    + table
                    + " WHERE status = 'QUEUED' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)"
                    + " RETURNING id")
            .execute(Tuple.of(INSTANCE))
            .await()
            .atMost(TIMEOUT);
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id"));
  }

  /** Records that the runner is alive, in which phase, and how far it got. */
  public void heartbeat(UUID id, String phase, long bytesDone) {
    pool.preparedQuery(
            "UPDATE "
                + table
                + " SET heartbeat_at = now(), phase = $2, bytes_done = $3"
                + " WHERE id = $1 AND status = 'RUNNING'")
        .execute(Tuple.of(id, phase, bytesDone))
        .await()
        .atMost(TIMEOUT);
  }

  /** Running jobs whose runner has not reported within the lease: their runner died. */
  public List<UUID> abandoned(Duration lease) {
    List<UUID> ids = new ArrayList<>();
    for (Row row :
        pool.preparedQuery(
                "SELECT id FROM "
                    + table
                    + " WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $1)")
            .execute(Tuple.of((double) lease.toSeconds()))
            .await()
            .atMost(TIMEOUT)) {
      ids.add(row.getUUID("id"));
    }
    return ids;
  }
}
