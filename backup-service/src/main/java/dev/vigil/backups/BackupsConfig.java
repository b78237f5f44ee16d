package dev.vigil.backups;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** backup-service settings ({@code vigil.backups.*}). */
@ConfigMapping(prefix = "vigil.backups")
public interface BackupsConfig {

  /** How often due backups, restore tests and re-verifications are looked for and run. */
  @WithDefault("1m")
  Duration tick();

  /**
   * A scheduled backup not completed within its interval plus this grace is a missed schedule, a
   * failure in its own right (DB-03, BKV-01).
   */
  @WithDefault("15m")
  Duration missedGrace();

  /**
   * A running backup or restore whose runner has not reported for this long is taken as dead (the
   * pod was killed): it is marked failed and its partial object deleted.
   */
  @WithDefault("2m")
  Duration lease();

  /** How often every control is re-evaluated from the catalogue. */
  @WithDefault("10m")
  Duration evaluationInterval();

  /** How often the per-target metrics are read from the catalogue. */
  @WithDefault("30s")
  Duration metricsInterval();

  /** How long one evaluation counts. */
  @WithDefault("30m")
  Duration validity();

  /** Where the PostgreSQL client tools are. */
  Tools tools();

  /** Where backups are stored. */
  Storage storage();

  /** Client-side encryption of every dump. */
  Encryption encryption();

  /** The manifest recorded in each backup's snapshot. */
  Manifest manifest();

  /** Periodic re-verification of stored backups. */
  Verification verification();

  /** Restore tests and recoveries. */
  Restore restore();

  /** {@code vigil.backups.tools.*} */
  interface Tools {
    /**
     * Directories searched for {@code pg_dump} and {@code pg_restore}, in order; the newest version
     * found is used. The image ships PostgreSQL 15, 16 and 17 client tools.
     */
    @WithDefault(
        "/usr/lib/postgresql/17/bin,/usr/lib/postgresql/16/bin,/usr/lib/postgresql/15/bin,/usr/bin")
    List<String> directories();
  }

  /** {@code vigil.backups.storage.*} */
  interface Storage {
    /** The backend: {@code filesystem} (a mounted volume, for example a PVC). */
    @WithDefault("filesystem")
    String kind();

    /** Root directory of the filesystem backend. */
    @WithDefault("/var/lib/vigil/backups")
    String directory();

    /** Attempts of one storage operation before the backup fails with the backend's reason. */
    @WithDefault("3")
    int attempts();
  }

  /** {@code vigil.backups.encryption.*} */
  interface Encryption {
    /**
     * A Tink keyset (JSON) of AES256-GCM keys, mounted from a Secret: the key-encryption key that
     * wraps each backup's fresh data key. Add a key and make it primary to rotate: new backups use
     * it, old ones still open with the older keys in the set. Required; the service does not start
     * without it.
     */
    String kekFile();
  }

  /** {@code vigil.backups.manifest.*} */
  interface Manifest {
    /**
     * Tables larger than this on disk get the planner's estimate instead of an exact {@code
     * count(*)}; their restore check compares the exact count of the restore with the estimate's
     * tolerance instead of equality.
     */
    @WithDefault("1073741824")
    long exactCountMaxBytes();
  }

  /** {@code vigil.backups.verification.*} */
  interface Verification {
    /** Stored backups are read back, checksummed and decrypted again this often (bit rot). */
    @WithDefault("7d")
    Duration reverifyInterval();
  }

  /** {@code vigil.backups.restore.*} */
  interface Restore {
    /** The server that restore tests restore into (a scratch database that is dropped after). */
    Server server();

    /** {@code pg_restore --jobs}. */
    @WithDefault("2")
    int jobs();

    /**
     * Where a restore writes the decrypted dump that {@code pg_restore --jobs} needs (parallel
     * restore needs a seekable file); it is deleted when the restore ends. Default: a private
     * temporary directory.
     */
    Optional<String> workDirectory();
  }

  /** {@code vigil.backups.restore.server.*} */
  interface Server {
    /** Host of the restore server. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port of the restore server. */
    @WithDefault("5432")
    int port();

    /** A role that may create and drop databases there. */
    @WithDefault("postgres")
    String user();

    /**
     * That role's password, from a Secret (env {@code VIGIL_BACKUPS_RESTORE_SERVER_PASSWORD},
     * {@code secretKeyRef}); none for trust or certificate authentication.
     */
    Optional<String> password();

    /** libpq {@code sslmode} towards the restore server. */
    @WithDefault("prefer")
    String sslMode();
  }
}
