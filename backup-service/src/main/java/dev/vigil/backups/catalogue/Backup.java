package dev.vigil.backups.catalogue;

import dev.vigil.backups.jobs.QueuedJob;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.ws.rs.NotFoundException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One backup of a target, from queued to verified (or failed, bad, pruned). */
@Entity
@Table(name = "backup")
public class Backup extends QueuedJob {

  /** Where a backup is in its life. Only {@link #VERIFIED} backups count. */
  public enum Status {
    /** Asked for; waits for a runner. */
    QUEUED,
    /** A runner is dumping, encrypting, storing or verifying it. */
    RUNNING,
    /** Stored, re-read, checksummed, decrypted and listed by pg_restore. */
    VERIFIED,
    /** It never completed; nothing of it is kept. */
    FAILED,
    /** It was verified once, but a later re-verification found it damaged. */
    BAD,
    /** Deleted by retention. */
    PRUNED
  }

  /** Why it was taken. */
  public enum Trigger {
    SCHEDULED,
    ON_DEMAND
  }

  @Column(name = "target_id", nullable = false)
  public UUID targetId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Status status;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Trigger trigger;

  @Column(name = "snapshot_at")
  public OffsetDateTime snapshotAt;

  @Column(name = "server_version")
  public String serverVersion;

  @Column(name = "pg_dump_version")
  public String pgDumpVersion;

  @Column(name = "object_key")
  public String objectKey;

  @Column(name = "stored_bytes")
  public Long storedBytes;

  @Column(name = "dump_bytes")
  public Long dumpBytes;

  @Column(name = "dump_sha256", length = 64)
  public String dumpSha256;

  @Column(name = "object_sha256", length = 64)
  public String objectSha256;

  @Column(name = "kek_key_id")
  public Long kekKeyId;

  /** The data key wrapped by the key-encryption key (useless without it); base64. */
  @Column(name = "wrapped_key", columnDefinition = "text")
  public String wrappedKey;

  /** The {@code Manifest} as JSON. */
  @Column(columnDefinition = "text")
  public String manifest;

  @Column(name = "verified_at")
  public OffsetDateTime verifiedAt;

  @Column(name = "last_verified_at")
  public OffsetDateTime lastVerifiedAt;

  @Column(nullable = false)
  public boolean held;

  @Column(name = "hold_reason")
  public String holdReason;

  @Column(name = "incident_id")
  public String incidentId;

  @Column(name = "pruned_at")
  public OffsetDateTime prunedAt;

  /** The backup, or 404. */
  public static Uni<Backup> require(UUID id) {
    return Backup.<Backup>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no backup " + id));
  }

  /** Ends the backup with a status and the reason. */
  public void fail(Status status, String reason, OffsetDateTime at) {
    this.status = status;
    failure(reason, at);
  }
}
