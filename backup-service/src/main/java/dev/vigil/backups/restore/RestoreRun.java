package dev.vigil.backups.restore;

import dev.vigil.backups.jobs.QueuedJob;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.ws.rs.NotFoundException;
import java.util.UUID;

/** A restore of one backup: a restore test, a disaster-recovery drill or a recovery. */
@Entity
@Table(name = "restore_run")
public class RestoreRun extends QueuedJob {

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

  @Column(name = "incident_id")
  public String incidentId;

  public static Uni<RestoreRun> require(UUID id) {
    return RestoreRun.<RestoreRun>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no restore " + id));
  }
}
