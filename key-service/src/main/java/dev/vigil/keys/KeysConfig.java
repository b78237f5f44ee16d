package dev.vigil.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** key-service settings ({@code vigil.keys.*}). */
@ConfigMapping(prefix = "vigil.keys")
public interface KeysConfig {

  /**
   * Secret of the keyed fingerprints (HMAC-SHA-256) stored instead of keys, at least 32 characters,
   * from the service's own Kubernetes Secret. Without it an ephemeral one is used and fingerprints
   * are recomputed from the Secrets at every start.
   */
  Optional<String> fingerprintPepper();

  /**
   * A kubeconfig file (mounted from a Secret) whose contexts name the other clusters environments
   * may live in. Without it, every environment is in the cluster key-service runs in.
   */
  Optional<String> kubeconfig();

  /**
   * The namespace Vigil itself runs in (Helm sets it to the release namespace). Refused as the
   * namespace of an environment in this cluster, so key-service never reads or writes Vigil's own
   * Secrets (its database credentials, the fingerprint pepper). Without it, the namespace of the
   * in-cluster Kubernetes client is refused.
   */
  Optional<String> releaseNamespace();

  /** Name of the Secret holding an environment's key slots, unless the environment names one. */
  @WithDefault("vigil-keys")
  String defaultSecretName();

  /** How often every environment's Secret is read again and KEY-01..03 re-evaluated. */
  @WithDefault("10m")
  Duration evaluationInterval();

  /** How long one KEY-01..03 evaluation counts. */
  @WithDefault("30m")
  Duration validity();

  /** How long key versions read from a Secret stay in memory before the Secret is read again. */
  @WithDefault("60s")
  Duration keyCacheTtl();

  /** The transit API. */
  Transit transit();

  /** Rotation schedule and the add, distribute, promote sequence. */
  Rotation rotation();

  /** The re-encryption job that moves the vault to a slot's newest version. */
  Reencryption reencryption();

  /** Offline key backups. */
  Backup backup();

  /** Leak scanning of git repositories. */
  LeakScan leakScan();

  /** {@code vigil.keys.transit.*} */
  interface Transit {
    /** Most items in one batch request. */
    @WithDefault("1000")
    int maxBatch();

    /** Largest plaintext accepted, in bytes. */
    @WithDefault("65536")
    int maxPlaintextBytes();
  }

  /** {@code vigil.keys.rotation.*} */
  interface Rotation {
    /** How often due slots are looked for and pending versions promoted. */
    @WithDefault("1h")
    Duration checkInterval();

    /**
     * Between adding a version by schedule and promoting it: the time consumers get to pick up the
     * new key before it starts encrypting.
     */
    @WithDefault("24h")
    Duration distributionPeriod();

    /** MNT-03 turns WARN this many days before a slot's rotation is due. */
    @WithDefault("30")
    int warnDaysBeforeDue();
  }

  /** {@code vigil.keys.reencryption.*} */
  interface Reencryption {
    /** Credentials rewrapped per transaction (each batch holds its rows' locks until commit). */
    @WithDefault("1000")
    int batchSize();

    /** How often running jobs are looked for (they also start at once when created). */
    @WithDefault("5s")
    Duration pollInterval();

    /** Least time between two progress events of one job. */
    @WithDefault("10s")
    Duration progressEventInterval();
  }

  /** {@code vigil.keys.backup.*} */
  interface Backup {
    /** Shortest passphrase accepted for an export. */
    @WithDefault("20")
    int minPassphraseLength();

    /** Argon2id memory in KiB (RFC 9106's second recommended option: 64 MiB). */
    @WithDefault("65536")
    int argon2MemoryKib();

    /** Argon2id passes. */
    @WithDefault("3")
    int argon2Iterations();

    /** Argon2id lanes. */
    @WithDefault("4")
    int argon2Parallelism();

    /** How long an operator's attestation of the offline copy's location counts. */
    @WithDefault("90d")
    Duration attestationValidity();
  }

  /** {@code vigil.keys.leak-scan.*} */
  interface LeakScan {
    /** How often every registered repository is fetched and scanned. */
    @WithDefault("24h")
    Duration interval();

    /** Where mirror clones are kept; a temporary directory by default. */
    Optional<String> workDirectory();

    /** How often the scanner looks for repositories that are due or were asked for. */
    @WithDefault("30s")
    Duration pollInterval();

    /**
     * Whether local paths and file: URLs may be registered (development and tests). Off in
     * production, so the API cannot be used to read the service's own file system.
     */
    @WithDefault("false")
    boolean allowLocalRepositories();

    /**
     * CIDRs (e.g. {@code 10.20.0.0/16} for an internal git server) that repository hosts may
     * resolve to although they are private, loopback, link-local, shared or unique-local. Empty:
     * such hosts are refused at registration and at every scan.
     */
    Optional<List<String>> allowedNetworks();
  }
}
