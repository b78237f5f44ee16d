package dev.vigil.keys.reencryption;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Rewraps every vault credential of one slot to its target version; progress survives restarts. */
@Entity
@Table(name = "reencryption_job")
public class ReencryptionJob extends PanacheEntityBase {

  /** Why a job runs. */
  public enum Reason {
    ROTATION,
    EMERGENCY,
    MANUAL
  }

  /** Where a job is. */
  public enum State {
    RUNNING,
    COMPLETED,
    /** Finished, but some credentials could not be rewrapped (they are unchanged). */
    FAILED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "environment_id", nullable = false)
  public Long environmentId;

  @Column(length = 253, nullable = false)
  public String slot;

  @Column(name = "target_version", nullable = false)
  public int targetVersion;

  @Column(length = 16, nullable = false)
  public String reason;

  @Column(length = 16, nullable = false)
  public String state;

  @Column(nullable = false)
  public long total;

  @Column(nullable = false)
  public long done;

  @Column(nullable = false)
  public long failed;

  /** The highest credential id looked at; the next batch starts after it. */
  @Column(name = "cursor_id", nullable = false)
  public long cursorId;

  @Column(name = "started_at", nullable = false)
  public OffsetDateTime startedAt;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Column(name = "finished_at")
  public OffsetDateTime finishedAt;

  @Column(name = "last_event_at")
  public OffsetDateTime lastEventAt;

  @Column(length = 256)
  public String error;

  public boolean running() {
    return State.RUNNING.name().equals(state);
  }

  /** Credentials rewrapped per second since the start, 0 before the first batch. */
  public double ratePerSecond() {
    double seconds = Duration.between(startedAt, updatedAt).toMillis() / 1000.0;
    return seconds <= 0 ? 0 : done / seconds;
  }

  /** Seconds to go at the current rate, null when unknown. */
  public Double etaSeconds() {
    double rate = ratePerSecond();
    if (!running()) {
      return 0.0;
    }
    return rate == 0 ? null : Math.max(0, total - done - failed) / rate;
  }
}
