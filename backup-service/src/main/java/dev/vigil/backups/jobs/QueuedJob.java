package dev.vigil.backups.jobs;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The columns every queued job shares (backups, restores): who asked and when, which runner took
 * it, its heartbeat and phase while it runs, and why it failed. {@link JobTable} works on them.
 */
@MappedSuperclass
public abstract class QueuedJob extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "requested_by", nullable = false)
  public String requestedBy;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "started_at")
  public OffsetDateTime startedAt;

  @Column(name = "heartbeat_at")
  public OffsetDateTime heartbeatAt;

  @Column(name = "finished_at")
  public OffsetDateTime finishedAt;

  /** The replica that took it ({@code pid@host}). */
  public String runner;

  /** What it is doing while it runs, e.g. DUMPING or RESTORING. */
  public String phase;

  /** How many bytes it has dumped or decrypted so far. */
  @Column(name = "bytes_done", nullable = false)
  public long bytesDone;

  /** Why it failed, naming objects and versions, never credentials. */
  @Column(length = 1000)
  public String error;

  /** Records a failure reason, shortened to what the column holds. */
  public void failure(String reason, OffsetDateTime at) {
    this.error = reason == null ? null : reason.substring(0, Math.min(reason.length(), 1000));
    this.finishedAt = at;
  }
}
