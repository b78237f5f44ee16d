package dev.vigil.backups.restore;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.ws.rs.NotFoundException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A restore of one backup: a restore test, a disaster-recovery drill or a recovery. */
@Entity
@Table(name = "restore_run")
public class RestoreRun extends PanacheEntityBase {

  /** What the restore is for. */
  public enum Kind {
    /** Into a scratch database on the restore server, validated, then dropped. */
    TEST,
    /** A restore test an operator runs as the annual disaster-recovery drill (MNT-04). */
    DRILL,
    /** Into a database the operator names, on the target's server, kept (IR-03). */
    RECOVERY
  }

  /** Where a restore is. */
  public enum Status {
    QUEUED,
    RUNNING,
    PASSED,
    FAILED
  }

  @Id public UUID id;

  @Column(name = "backup_id", nullable = false)
  public UUID backupId;

  @Column(name = "target_id", nullable = false)
  public UUID targetId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Kind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Status status;

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

  public String runner;

  /** DOWNLOADING, RESTORING, VALIDATING, SWITCHING while it runs. */
  public String phase;

  @Column(name = "database_name", nullable = false)
  public String databaseName;

  @Column(name = "replace_existing", nullable = false)
  public boolean replaceExisting;

  @Column(name = "duration_ms")
  public Long durationMs;

  @Column(name = "data_age_seconds")
  public Long dataAgeSeconds;

  /** JSON array of differences from the manifest. */
  @Column(columnDefinition = "text", nullable = false)
  public String mismatches;

  /** JSON array of {@code CheckResult}s. */
  @Column(name = "check_results", columnDefinition = "text", nullable = false)
  public String checkResults;

  @Column(length = 1000)
  public String error;

  @Column(name = "incident_id")
  public String incidentId;

  public static Uni<RestoreRun> require(UUID id) {
    return RestoreRun.<RestoreRun>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no restore " + id));
  }
}
