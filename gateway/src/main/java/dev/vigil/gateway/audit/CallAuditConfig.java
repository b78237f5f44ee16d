package dev.vigil.gateway.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit of API calls ({@code vigil.call-audit.*}). */
@ConfigMapping(prefix = "vigil.call-audit")
public interface CallAuditConfig {

  /**
   * Whether a batch of call events waits for PostgreSQL's WAL flush before the responses go out.
   * Off: the response waits for the commit but not for the disk, so only a crash of PostgreSQL
   * itself (not of the gateway) within its WAL writer delay (a few hundred ms) can lose call
   * events. State changes and their events elsewhere always wait for the flush.
   */
  @WithDefault("false")
  boolean synchronousCommit();

  /** The most call events one transaction carries. */
  @WithDefault("256")
  int maxBatch();
}
