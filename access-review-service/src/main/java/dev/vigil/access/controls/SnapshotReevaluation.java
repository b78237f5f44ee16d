package dev.vigil.access.controls;

import dev.vigil.access.snapshot.SnapshotReplaced;
import dev.vigil.common.cdi.ChainedEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A new snapshot changes who has access: the controls are evaluated in the same transaction. */
@ApplicationScoped
class SnapshotReevaluation {

  private final AccessControls controls;

  SnapshotReevaluation(AccessControls controls) {
    this.controls = controls;
  }

  void onReplaced(@Observes @Priority(ChainedEvent.EVALUATIONS) SnapshotReplaced replaced) {
    replaced.then(controls::evaluate);
  }
}
