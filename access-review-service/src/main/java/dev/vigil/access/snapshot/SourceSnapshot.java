package dev.vigil.access.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One complete reading of one source. Immutable.
 *
 * @param source the source's name
 * @param kind where it comes from
 * @param takenAt when it was read
 * @param signInActivityAvailable false when the source could not report sign-in activity
 * @param accounts its accounts
 * @param apiKeys its API keys (platform sources)
 * @param passwordPolicy the admin password policy, null when the source does not report one
 */
public record SourceSnapshot(
    String source,
    SourceKind kind,
    Instant takenAt,
    boolean signInActivityAvailable,
    List<Account> accounts,
    List<ApiKey> apiKeys,
    PasswordPolicy passwordPolicy) {

  public SourceSnapshot {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(takenAt, "takenAt");
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
  }
}
