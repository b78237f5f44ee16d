package dev.vigil.access.activity;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Platform sign-ins and API-key uses seen on {@code vigil.audit}: the latest per member and per
 * key, carried into the current PLATFORM snapshots and into every snapshot pushed later. Activity
 * only moves forward. Needs the caller's transaction.
 */
@ApplicationScoped
public class PlatformActivity {

  /** What was active. */
  public enum Kind {
    /** A member signed in; the subject is the member id. */
    SIGN_IN,
    /** An API key was used; the subject is the key id. */
    API_KEY
  }

  private static final String REMEMBER =
      "INSERT INTO access_activity (kind, subject_id, last_at) VALUES (?1, ?2, ?3)"
          + " ON CONFLICT (kind, subject_id)"
          + " DO UPDATE SET last_at = GREATEST(access_activity.last_at, EXCLUDED.last_at)";

  private static final String CURRENT_ACCOUNTS =
      "UPDATE access_account a SET last_sign_in_at = ?2, sign_in_known = TRUE"
          + " FROM access_snapshot s JOIN access_source src ON src.id = s.source_id"
          + " WHERE a.snapshot_id = s.id AND s.state = 'CURRENT' AND src.kind = 'PLATFORM'"
          + " AND a.external_id = ?1 AND (a.last_sign_in_at IS NULL OR a.last_sign_in_at < ?2)";

  private static final String CURRENT_KEYS =
      "UPDATE access_api_key k SET last_used_at = ?2"
          + " FROM access_snapshot s JOIN access_source src ON src.id = s.source_id"
          + " WHERE k.snapshot_id = s.id AND s.state = 'CURRENT' AND src.kind = 'PLATFORM'"
          + " AND k.key_id = ?1 AND (k.last_used_at IS NULL OR k.last_used_at < ?2)";

  private static final String SNAPSHOT_ACCOUNTS =
      "UPDATE access_account a SET last_sign_in_at = act.last_at, sign_in_known = TRUE"
          + " FROM access_activity act WHERE a.snapshot_id = ?1 AND act.kind = 'SIGN_IN'"
          + " AND act.subject_id = a.external_id"
          + " AND (a.last_sign_in_at IS NULL OR a.last_sign_in_at < act.last_at)";

  private static final String SNAPSHOT_KEYS =
      "UPDATE access_api_key k SET last_used_at = act.last_at"
          + " FROM access_activity act WHERE k.snapshot_id = ?1 AND act.kind = 'API_KEY'"
          + " AND act.subject_id = k.key_id"
          + " AND (k.last_used_at IS NULL OR k.last_used_at < act.last_at)";

  /** Records one sign-in or key use and moves the current PLATFORM snapshots forward with it. */
  public Uni<Void> record(Kind kind, String subject, OffsetDateTime at) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(REMEMBER)
                    .setParameter(1, kind.name())
                    .setParameter(2, subject)
                    .setParameter(3, at)
                    .executeUpdate()
                    .chain(
                        () ->
                            session
                                .createNativeQuery(
                                    kind == Kind.SIGN_IN ? CURRENT_ACCOUNTS : CURRENT_KEYS)
                                .setParameter(1, subject)
                                .setParameter(2, at)
                                .executeUpdate()))
        .replaceWithVoid();
  }

  /**
   * Brings a just-written PLATFORM snapshot up to the activity already seen, so a push carrying
   * older times does not undo sign-ins and key uses reported since.
   */
  public Uni<Void> applyTo(long snapshotId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .flush()
                    .chain(
                        () ->
                            session
                                .createNativeQuery(SNAPSHOT_ACCOUNTS)
                                .setParameter(1, snapshotId)
                                .executeUpdate())
                    .chain(
                        () ->
                            session
                                .createNativeQuery(SNAPSHOT_KEYS)
                                .setParameter(1, snapshotId)
                                .executeUpdate()))
        .replaceWithVoid();
  }
}
