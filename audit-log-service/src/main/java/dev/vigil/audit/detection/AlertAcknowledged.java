package dev.vigil.audit.detection;

import dev.vigil.common.cdi.ChainedEvent;

/**
 * An alert was acknowledged, in the acknowledging transaction: features that judge alerts (the
 * monitoring controls) re-evaluate without detection knowing them.
 */
public final class AlertAcknowledged extends ChainedEvent {

  private final SecurityAlert alert;

  AlertAcknowledged(SecurityAlert alert) {
    this.alert = alert;
  }

  public SecurityAlert alert() {
    return alert;
  }
}
