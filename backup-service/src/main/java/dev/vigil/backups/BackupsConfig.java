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

  /** Observation of CloudNativePG's own backups, as evidence for DB-03 and BKV-01. */
  Cnpg cnpg();

  /** {@code vigil.backups.cnpg.*} */
  interface Cnpg {
    /**
     * Namespaces whose CloudNativePG {@code Backup} and {@code ScheduledBackup} objects are read
     * (list only). Empty: CloudNativePG is not observed.
     */
    Optional<List<String>> namespaces();
  }

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
    /**
     * The backend: {@code filesystem} (a mounted volume, for example a PVC), {@code s3} (AWS S3 or
     * an S3-compatible server) or {@code azure-blob} (Azure Blob Storage).
     */
    @WithDefault("filesystem")
    String kind();

    /** Root directory of the filesystem backend. */
    @WithDefault("/var/lib/vigil/backups")
    String directory();

    /** Attempts of one storage operation before the backup fails with the backend's reason. */
    @WithDefault("3")
    int attempts();

    /** {@code vigil.backups.storage.s3.*}: used when {@code kind=s3}. */
    S3 s3();

    /** {@code vigil.backups.storage.azure.*}: used when {@code kind=azure-blob}. */
    Azure azure();
  }

  /**
   * {@code vigil.backups.storage.s3.*}. Credentials come from the AWS SDK's default chain: the
   * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} environment variables (from a Secret),
   * or web identity (EKS IRSA) through {@code AWS_ROLE_ARN} and {@code
   * AWS_WEB_IDENTITY_TOKEN_FILE}. They are never part of this configuration.
   */
  interface S3 {
    /** The bucket; it must exist (Vigil does not create it). */
    Optional<String> bucket();

    /** A prefix inside the bucket, so the bucket can hold other data too. */
    Optional<String> prefix();

    /** The bucket's region. */
    @WithDefault("us-east-1")
    String region();

    /** An S3-compatible server's URL instead of AWS, for example {@code https://minio:9000}. */
    Optional<java.net.URI> endpoint();

    /**
     * Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible servers need.
     */
    @WithDefault("false")
    boolean pathStyle();

    /**
     * Bytes per multipart part: the memory one running backup holds for its upload. S3 needs at
     * least 5 MiB and allows 10,000 parts, so 16 MiB parts allow objects up to 160 GiB.
     */
    @WithDefault("16777216")
    int partSize();
  }

  /** {@code vigil.backups.storage.azure.*} */
  interface Azure {
    /** The container; it must exist (Vigil does not create it). */
    Optional<String> container();

    /** A prefix inside the container, so the container can hold other data too. */
    Optional<String> prefix();

    /**
     * How the service signs in: {@code connection-string} (from {@code connection-string}, set
     * through a Secret) or {@code workload-identity} (AKS workload identity federation through
     * azure-identity, with {@code endpoint}).
     */
    @WithDefault("workload-identity")
    String auth();

    /**
     * The storage account's connection string, for {@code auth=connection-string}. Set it only
     * through the {@code VIGIL_BACKUPS_STORAGE_AZURE_CONNECTION_STRING} variable from a Secret.
     */
    Optional<String> connectionString();

    /** The account's blob endpoint, for example {@code https://acct.blob.core.windows.net}. */
    Optional<String> endpoint();

    /**
     * Bytes per staged block: the memory one running backup holds for its upload. Azure allows
     * 50,000 blocks, so 8 MiB blocks allow blobs up to 390 GiB.
     */
    @WithDefault("8388608")
    int blockSize();
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
