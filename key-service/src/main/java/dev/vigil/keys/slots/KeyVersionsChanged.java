package dev.vigil.keys.slots;

import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.keys.environments.Environment;

/**
 * An environment's key versions changed, in the changing transaction: re-encryption and the key
 * controls catch up by observing this instead of the slots and rotation calling them.
 */
public final class KeyVersionsChanged extends ChainedEvent {

  /** What changed. */
  public enum Change {
    /** The Secret's slots were read and recorded at an Admin's request (generated, adopted). */
    RECORDED,
    /** A rotation added a pending version. */
    ADDED,
    /** A rotation promoted a version to primary. */
    PROMOTED,
    /** A reading found a new primary in the Secret itself: a rotation made outside Vigil. */
    REPLACED_IN_SECRET,
    /** A rotation retired every version up to this one. */
    RETIRED
  }

  private final Environment environment;
  private final Change change;
  private final String slot;
  private final int version;
  private final boolean emergency;

  /**
   * @param slot the slot, or null for {@link Change#RECORDED} (every slot)
   * @param version the version added, promoted or retired up to; 0 for {@link Change#RECORDED}
   * @param emergency whether an emergency rotation made the change
   */
  public KeyVersionsChanged(
      Environment environment, Change change, String slot, int version, boolean emergency) {
    this.environment = environment;
    this.change = change;
    this.slot = slot;
    this.version = version;
    this.emergency = emergency;
  }

  public Environment environment() {
    return environment;
  }

  public String slot() {
    return slot;
  }

  public int version() {
    return version;
  }

  public boolean emergency() {
    return emergency;
  }

  /** Whether the change is one of {@code changes}. */
  public boolean is(Change... changes) {
    for (Change c : changes) {
      if (c == change) {
        return true;
      }
    }
    return false;
  }
}
