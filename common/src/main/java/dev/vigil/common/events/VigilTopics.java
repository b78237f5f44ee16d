package dev.vigil.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka topic names. They are configuration so several installations can share a cluster. */
@ConfigMapping(prefix = "vigil.topics")
public interface VigilTopics {

  /** Audit events from the platform and from Vigil itself. */
  @WithDefault("vigil.audit")
  String audit();

  /** Security alerts raised by detection rules. */
  @WithDefault("vigil.security-alerts")
  String securityAlerts();

  /** Control evaluations, consumed by the gateway's checklist. */
  @WithDefault("vigil.compliance")
  String compliance();

  /**
   * Requests to re-evaluate controls now, consumed by every service. Commands, so apart from {@link
   * #compliance()}: the checklist's consumer reads only evaluations, and no service reads every
   * evaluation to find the few requests.
   */
  @WithDefault("vigil.compliance-requests")
  String complianceRequests();

  /** Key lifecycle events. */
  @WithDefault("vigil.keys")
  String keys();

  /** Backup lifecycle events. */
  @WithDefault("vigil.backups")
  String backups();

  /** Access decisions and revocation requests. */
  @WithDefault("vigil.access")
  String access();

  /** Signed audit-log checkpoints. */
  @WithDefault("vigil.audit-checkpoints")
  String auditCheckpoints();
}
