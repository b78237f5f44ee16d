package dev.vigil.backups.jobs;

import java.util.UUID;

/**
 * A job's progress, written to its row at most every few seconds: it is both the progress shown by
 * the API and the heartbeat that keeps the job from being taken as abandoned.
 */
public final class Heartbeat implements Progress {

  private static final long INTERVAL_NANOS = 2_000_000_000L;

  private final JobTable table;
  private final UUID id;
  private String phase = "STARTING";
  private long bytes;
  private long lastWrite = System.nanoTime();

  public Heartbeat(JobTable table, UUID id) {
    this.table = table;
    this.id = id;
  }

  @Override
  public void phase(String phase) {
    this.phase = phase;
    write();
  }

  @Override
  public void bytes(long done) {
    bytes = done;
    if (System.nanoTime() - lastWrite > INTERVAL_NANOS) {
      write();
    }
  }

  private void write() {
    lastWrite = System.nanoTime();
    table.heartbeat(id, phase, bytes);
  }
}
