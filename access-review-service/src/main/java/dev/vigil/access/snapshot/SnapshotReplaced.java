package dev.vigil.access.snapshot;

import dev.vigil.common.cdi.ChainedEvent;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * A source's snapshot was replaced by a sync or a push, in that transaction: features that depend
 * on who has access (revocation checks, the access controls) catch up without the sources knowing
 * them.
 */
public final class SnapshotReplaced extends ChainedEvent {

  private final Source source;
  private final Supplier<Uni<SourceSnapshot>> snapshot;

  /**
   * @param snapshot the new snapshot, read only by an observer that needs it (a directory can be
   *     large)
   */
  public SnapshotReplaced(Source source, Supplier<Uni<SourceSnapshot>> snapshot) {
    this.source = source;
    this.snapshot = snapshot;
  }

  /** The snapshot at hand, for a source whose sync built it in memory. */
  public SnapshotReplaced(Source source, SourceSnapshot snapshot) {
    this(source, () -> Uni.createFrom().item(snapshot));
  }

  public Source source() {
    return source;
  }

  public Uni<SourceSnapshot> snapshot() {
    return snapshot.get();
  }
}
