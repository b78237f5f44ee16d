package dev.vigil.keys.reencryption;

import dev.vigil.common.cdi.ChainedEvent;

/**
 * A re-encryption job completed or failed, in the batch's transaction: the rotation control judges
 * it by observing this.
 */
public final class ReencryptionFinished extends ChainedEvent {

  private final ReencryptionJob job;

  ReencryptionFinished(ReencryptionJob job) {
    this.job = job;
  }

  public ReencryptionJob job() {
    return job;
  }
}
