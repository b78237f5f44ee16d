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
}
