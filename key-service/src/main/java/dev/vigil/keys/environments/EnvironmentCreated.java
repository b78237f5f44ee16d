package dev.vigil.keys.environments;

import dev.vigil.common.cdi.ChainedEvent;

/** An environment was registered, in that transaction: its controls are evaluated by observers. */
public final class EnvironmentCreated extends ChainedEvent {

  private final Environment environment;

  public EnvironmentCreated(Environment environment) {
    this.environment = environment;
  }

  public Environment environment() {
    return environment;
  }
}
