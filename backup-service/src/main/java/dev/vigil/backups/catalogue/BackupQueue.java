package dev.vigil.backups.catalogue;

import dev.vigil.backups.storage.ObjectKeys;
import dev.vigil.backups.targets.BackupTarget;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Puts backups in the queue. A target has at most one backup queued or running (a unique index), so
 * two replicas enqueuing the same scheduled backup, or a request during a running backup, add
 * nothing. Needs the caller's transaction.
 */
@ApplicationScoped
public class BackupQueue {

  private static final String INSERT =
      "INSERT INTO backup (id, target_id, status, trigger, requested_by, created_at, object_key,"
          + " bytes_done, held) VALUES (?1, ?2, 'QUEUED', ?3, ?4, ?5, ?6, 0, false)"
          + " ON CONFLICT DO NOTHING";

  /**
   * @return the queued backup's id, or null when one of this target is already queued or running
   */
  public Uni<UUID> enqueue(BackupTarget target, Backup.Trigger trigger, String requestedBy) {
    UUID id = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(INSERT)
                    .setParameter(1, id)
                    .setParameter(2, target.id)
                    .setParameter(3, trigger.name())
                    .setParameter(4, requestedBy)
                    .setParameter(5, now)
                    .setParameter(6, ObjectKeys.of(target.name, now, id))
                    .executeUpdate())
        .map(inserted -> inserted == 1 ? id : null);
  }
}
