package dev.vigil.access.snapshot;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The current snapshot of every source that has one, and the sources that have none yet. Immutable.
 *
 * @param sources the sources' current snapshots
 * @param unsynced names of sources without a successful sync yet
 */
public record AccessSnapshot(List<SourceSnapshot> sources, List<String> unsynced) {

  public AccessSnapshot {
    sources = sources == null ? List.of() : List.copyOf(sources);
    unsynced = unsynced == null ? List.of() : List.copyOf(unsynced);
  }

  public static AccessSnapshot of(SourceSnapshot... sources) {
    return new AccessSnapshot(List.of(sources), List.of());
  }

  /** Every account of every source, with its source. */
  public Stream<SourcedAccount> accounts() {
    return sources.stream().flatMap(s -> s.accounts().stream().map(a -> new SourcedAccount(s, a)));
  }

  /** Every API key of every source. */
  public Stream<ApiKey> apiKeys() {
    return sources.stream().flatMap(s -> s.apiKeys().stream());
  }

  /** The account with this id in the source, if there is one. */
  public Optional<Account> account(String source, String id) {
    return sources.stream()
        .filter(s -> s.source().equals(source))
        .flatMap(s -> s.accounts().stream())
        .filter(a -> a.id().equals(id))
        .findFirst();
  }

  /** The same snapshots without their account and key lists: what a rule may decide on. */
  public AccessSnapshot headers() {
    return new AccessSnapshot(
        sources.stream()
            .map(
                s ->
                    new SourceSnapshot(
                        s.source(),
                        s.kind(),
                        s.takenAt(),
                        s.signInActivityAvailable(),
                        List.of(),
                        List.of(),
                        s.passwordPolicy()))
            .toList(),
        unsynced);
  }

  /** Whether no source has been read yet. */
  public boolean isEmpty() {
    return sources.isEmpty();
  }

  /** An account with the snapshot it comes from. */
  public record SourcedAccount(SourceSnapshot source, Account account) {
    /** {@code source/label}, for evidence. */
    public String label() {
      return source.source() + "/" + account.label();
    }
  }
}
