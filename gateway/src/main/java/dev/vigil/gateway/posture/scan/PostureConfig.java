package dev.vigil.gateway.posture.scan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cluster posture checks: what to scan, how often, and what to compare against. */
@ConfigMapping(prefix = "vigil.posture")
public interface PostureConfig {

  /** Scheduled scans on or off (on-demand scans work either way). */
  @WithDefault("true")
  boolean enabled();

  /** Namespaces whose workloads, Services, Ingresses and NetworkPolicies are checked. */
  @WithDefault("default")
  List<String> namespaces();

  /** How often the scheduled scan runs. */
  @WithDefault("15m")
  Duration interval();

  /** How long a scan's evaluations count before the checklist shows them as stale. */
  @WithDefault("1h")
  Duration validity();

  /** Labels that mark the database pods (DB-02), as comma-separated key=value pairs. */
  @WithDefault("app.kubernetes.io/name=postgresql")
  List<String> databaseSelector();

  /** A TLS certificate closer than this many days to expiry warns (NET-01). */
  @WithDefault("21")
  int minCertificateDays();

  /** A pod running the same image longer than this warns (CON-04). */
  @WithDefault("90d")
  Duration maxImageAge();

  /**
   * Latest released tag per image repository (MNT-01), e.g. {@code
   * vigil.posture.latest-versions."ghcr.io/acme/platform"=2.14.1}.
   */
  Map<String, String> latestVersions();

  /**
   * A vulnerability report (Trivy Operator) not refreshed for this long warns (MNT-02): the scanner
   * has stopped rescanning.
   */
  @WithDefault("7d")
  Duration maxScanAge();

  /** The NET-02 probe. */
  HttpsProbeConfig httpsProbe();

  /** The NET-02 active probe of the platform's address. */
  interface HttpsProbeConfig {

    /**
     * The https URL to probe; its http form must redirect to it. Unset: NET-02 is UNKNOWN (the
     * probe never takes its target from an Ingress, which anyone who may write one could aim).
     */
    Optional<URI> url();

    /** The port plain HTTP is probed on. */
    @WithDefault("80")
    int httpPort();

    /** Per request. */
    @WithDefault("5s")
    Duration timeout();

    /** A PKCS12 trust store for a private CA; unset: the JVM's default trust. */
    Optional<Path> trustStore();

    /** The trust store's password. */
    Optional<String> trustStorePassword();
  }
}
