package dev.vigil.access.snapshot;

import java.time.Duration;
import java.time.Instant;

/**
 * What a source knows about an account's last sign-in: a time, "never", or nothing at all (Entra ID
 * without a P1 licence cannot say). Unknown is never read as inactive.
 *
 * @param known whether the source reported sign-in activity for the account
 * @param at the last sign-in; null with {@code known} means never
 */
public record SignIn(boolean known, Instant at) {

  public static final SignIn UNKNOWN = new SignIn(false, null);
  public static final SignIn NEVER = new SignIn(true, null);

  public static SignIn at(Instant at) {
    return at == null ? NEVER : new SignIn(true, at);
  }

  /** Whether it is known that the account has not signed in within the threshold before now. */
  public boolean inactiveFor(Duration threshold, Instant createdAt, Instant now) {
    if (!known) {
      return false;
    }
    Instant since = at != null ? at : createdAt;
    return since != null && since.isBefore(now.minus(threshold));
  }
}
