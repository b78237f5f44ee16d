package dev.vigil.backups.restore;

import dev.vigil.backups.catalogue.Backup;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Queues restores; at most one per target is queued or running (a unique index). Needs the caller's
 * transaction.
 */
@ApplicationScoped
public class RestoreQueue {

  private static final String INSERT =
      "INSERT INTO restore_run (id, backup_id, target_id, kind, status, requested_by, created_at,"
          + " database_name, replace_existing, mismatches, check_results, incident_id)"
          + " VALUES (?1, ?2, ?3, ?4, 'QUEUED', ?5, ?6, ?7, ?8, '[]', '[]', ?9)"
          + " ON CONFLICT DO NOTHING";

  /**
   * @return the queued restore's id, or null when one of this target is already queued or running
   */
  public Uni<UUID> enqueue(
      Backup backup,
      RestoreRun.Kind kind,
      String database,
      boolean replace,
      String incidentId,
      String requestedBy) {
    UUID id = UUID.randomUUID();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(INSERT)
                    .setParameter(1, id)
                    .setParameter(2, backup.id)
                    .setParameter(3, backup.targetId)
                    .setParameter(4, kind.name())
                    .setParameter(5, requestedBy)
                    .setParameter(6, OffsetDateTime.now(ZoneOffset.UTC))
                    .setParameter(7, database)
                    .setParameter(8, replace)
                    .setParameter(9, incidentId)
                    .executeUpdate())
        .map(inserted -> inserted == 1 ? id : null);
  }

  /** A scratch database name for a restore test: unique, and plainly Vigil's. */
  public static String scratchName(UUID restoreId) {
    return "vigil_restore_test_" + restoreId.toString().replace("-", "").substring(0, 16);
  }
}
