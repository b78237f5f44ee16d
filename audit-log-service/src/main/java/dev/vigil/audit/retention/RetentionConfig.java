package dev.vigil.audit.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long audit entries are kept. */
@ConfigMapping(prefix = "vigil.audit.retention")
public interface RetentionConfig {

  /** Entries received longer ago than this are removed, unless a legal hold covers them. */
  @WithDefault("400d")
  Duration period();

  /** How often retention runs. */
  @WithDefault("1h")
  Duration checkInterval();

  /**
   * The database's pruning floor: retention can never remove entries received more recently (a
   * PostgreSQL interval). Seeds {@code audit_prune_policy.min_age} at the first migration;
   * afterwards only the schema owner changes it, so a compromised service cannot lower it.
   */
  @WithDefault("1 day")
  String minimumAge();
}
