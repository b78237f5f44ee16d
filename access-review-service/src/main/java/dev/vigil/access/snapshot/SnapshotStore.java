package dev.vigil.access.snapshot;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stores and reads source snapshots. A new snapshot replaces the current one inside the caller's
 * transaction: readers see the previous snapshot whole until it commits, and a failure before or
 * during the write leaves it untouched.
 */
@ApplicationScoped
public class SnapshotStore {

  /** Writes the snapshot and makes it the source's current one. Call inside a transaction. */
  public Uni<SnapshotRecord> replace(Source source, SourceSnapshot snapshot) {
    SnapshotRecord record = new SnapshotRecord();
    record.sourceId = source.id;
    record.state = SnapshotRecord.CURRENT;
    record.takenAt = Times.offset(snapshot.takenAt());
    record.signInActivityAvailable = snapshot.signInActivityAvailable();
    record.accountCount = snapshot.accounts().size();
    record.apiKeyCount = snapshot.apiKeys().size();
    PasswordPolicy policy = snapshot.passwordPolicy();
    if (policy != null) {
      record.ssoOnly = policy.ssoOnly();
      record.passwordMinLength = policy.minLength();
      record.passwordRequiresMixed = policy.requiresMixed();
      record.passwordMaxAgeDays = policy.maxAgeDays();
    }
    return SnapshotRecord.update(
            "state = ?1 where sourceId = ?2 and state = ?3",
            SnapshotRecord.SUPERSEDED,
            source.id,
            SnapshotRecord.CURRENT)
        // The partial unique index allows one CURRENT row: supersede before inserting.
        .call(() -> Panache.getSession().chain(s -> s.flush()))
        .chain(() -> record.<SnapshotRecord>persist())
        .call(
            saved -> {
              List<Object> rows = new ArrayList<>();
              snapshot.accounts().forEach(a -> rows.add(AccountRecord.of(saved.id, a)));
              snapshot.apiKeys().forEach(k -> rows.add(ApiKeyRecord.of(saved.id, k)));
              return rows.isEmpty()
                  ? Uni.createFrom().voidItem()
                  : Panache.getSession().chain(s -> s.persistAll(rows.toArray()));
            });
  }

  /** The current snapshot of every source, and the names of sources without one. */
  public Uni<AccessSnapshot> current() {
    return Source.<Source>listAll()
        .chain(
            sources ->
                SnapshotRecord.<SnapshotRecord>list("state", SnapshotRecord.CURRENT)
                    .chain(records -> load(sources, records)));
  }

  /** The current snapshot of one source, or null when it has none. */
  public Uni<SourceSnapshot> current(Source source) {
    return SnapshotRecord.<SnapshotRecord>find(
            "sourceId = ?1 and state = ?2", source.id, SnapshotRecord.CURRENT)
        .firstResult()
        .chain(record -> record == null ? Uni.createFrom().nullItem() : read(source, record));
  }

  private Uni<AccessSnapshot> load(List<Source> sources, List<SnapshotRecord> records) {
    Map<Long, Source> byId = sources.stream().collect(Collectors.toMap(s -> s.id, s -> s));
    List<String> unsynced =
        sources.stream()
            .filter(s -> records.stream().noneMatch(r -> r.sourceId.equals(s.id)))
            .map(s -> s.name)
            .sorted()
            .toList();
    return Multi.createFrom()
        .iterable(records)
        .onItem()
        .transformToUniAndConcatenate(r -> read(byId.get(r.sourceId), r))
        .collect()
        .asList()
        .map(list -> new AccessSnapshot(list, unsynced));
  }

  private Uni<SourceSnapshot> read(Source source, SnapshotRecord record) {
    Uni<List<Account>> accounts =
        AccountRecord.<AccountRecord>list("snapshotId = ?1 order by externalId", record.id)
            .map(rows -> rows.stream().map(AccountRecord::toAccount).toList());
    Uni<List<ApiKey>> keys =
        ApiKeyRecord.<ApiKeyRecord>list("snapshotId = ?1 order by keyId", record.id)
            .map(rows -> rows.stream().map(ApiKeyRecord::toApiKey).toList());
    PasswordPolicy policy =
        record.ssoOnly == null
            ? null
            : new PasswordPolicy(
                record.ssoOnly,
                record.passwordMinLength,
                record.passwordRequiresMixed,
                record.passwordMaxAgeDays);
    return accounts.chain(
        a ->
            keys.map(
                k ->
                    new SourceSnapshot(
                        source.name,
                        source.kind,
                        Times.instant(record.takenAt),
                        record.signInActivityAvailable,
                        a,
                        k,
                        policy)));
  }
}
