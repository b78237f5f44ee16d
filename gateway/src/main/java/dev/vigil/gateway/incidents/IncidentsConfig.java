package dev.vigil.gateway.incidents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Incident records (IR-04). */
@ConfigMapping(prefix = "vigil.incidents")
public interface IncidentsConfig {

  /** Incidents opened from the detectors' alerts on {@code vigil.security-alerts}. */
  FromAlerts fromAlerts();

  interface FromAlerts {

    /** Off: alerts stay in audit-log-service's alert list and incidents are opened by hand. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Alerts of this severity or higher open an incident, or join the open one on their subject
     * (MEDIUM, HIGH or CRITICAL).
     */
    @WithDefault("HIGH")
    Incident.Severity minSeverity();
  }
}
