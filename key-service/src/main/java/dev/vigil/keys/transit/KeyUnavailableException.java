package dev.vigil.keys.transit;

/** The key version a request needs cannot be used (retired, missing, not a key). */
public final class KeyUnavailableException extends RuntimeException {

  /**
   * @param reason names versions and rules, never values
   */
  public KeyUnavailableException(String reason) {
    super(reason, null, false, false);
  }
}
