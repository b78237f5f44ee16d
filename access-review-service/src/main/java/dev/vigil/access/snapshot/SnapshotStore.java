package dev.vigil.access.snapshot;

import dev.vigil.access.snapshot.AccessSnapshot.SourcedAccount;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stores and reads source snapshots. A new snapshot replaces the current one inside the caller's
 * transaction: readers see the previous snapshot whole until it commits, and a failure before or
 * during the write leaves it untouched.
 */
@ApplicationScoped
public class SnapshotStore {

  /** Rows per query when reading a snapshot. */
  static final int PAGE = 1000;

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

  /**
   * Shows every account and API key of every current snapshot to the consumers, a page at a time,
   * and answers the snapshots' headers: what {@link #current()} answers, without the account and
   * key lists. Memory holds a page, never a directory. Needs a session.
   */
  public Uni<AccessSnapshot> scan(Consumer<SourcedAccount> accounts, Consumer<ApiKey> keys) {
    return headers()
        .call(
            headers ->
                Multi.createFrom()
                    .iterable(headers.records())
                    .onItem()
                    .transformToUniAndConcatenate(
                        h ->
                            accountPages(
                                    h.record().id,
                                    "",
                                    account ->
                                        accounts.accept(new SourcedAccount(h.header(), account)))
                                .chain(() -> keyPages(h.record().id, "", keys)))
                    .collect()
                    .last())
        .map(Headers::snapshot);
  }

  /** The current snapshot of every source, and the names of sources without one. */
  public Uni<AccessSnapshot> current() {
    return headers()
        .chain(
            headers ->
                Multi.createFrom()
                    .iterable(headers.records())
                    .onItem()
                    .transformToUniAndConcatenate(h -> read(h.header(), h.record().id))
                    .collect()
                    .asList()
                    .map(list -> new AccessSnapshot(list, headers.snapshot().unsynced())));
  }

  /** The current snapshot of one source, or null when it has none. */
  public Uni<SourceSnapshot> current(Source source) {
    return SnapshotRecord.<SnapshotRecord>find(
            "sourceId = ?1 and state = ?2", source.id, SnapshotRecord.CURRENT)
        .firstResult()
        .chain(
            record ->
                record == null
                    ? Uni.createFrom().nullItem()
                    : read(header(source, record), record.id));
  }

  private Uni<Headers> headers() {
    return Source.<Source>listAll()
        .chain(
            sources ->
                SnapshotRecord.<SnapshotRecord>list("state", SnapshotRecord.CURRENT)
                    .map(records -> Headers.of(sources, records)));
  }

  private Uni<SourceSnapshot> read(SourceSnapshot header, long snapshotId) {
    List<Account> accounts = new ArrayList<>();
    List<ApiKey> keys = new ArrayList<>();
    return accountPages(snapshotId, "", accounts::add)
        .chain(() -> keyPages(snapshotId, "", keys::add))
        .map(
            ignored ->
                new SourceSnapshot(
                    header.source(),
                    header.kind(),
                    header.takenAt(),
                    header.signInActivityAvailable(),
                    accounts,
                    keys,
                    header.passwordPolicy()));
  }

  private Uni<Void> accountPages(long snapshotId, String after, Consumer<Account> sink) {
    return pages(
        AccountRow.SELECT
            + "where a.snapshotId = :snapshot and a.externalId > :after"
            + " order by a.externalId",
        AccountRow.class,
        AccountRow::externalId,
        snapshotId,
        after,
        row -> sink.accept(row.toAccount()));
  }

  private Uni<Void> keyPages(long snapshotId, String after, Consumer<ApiKey> sink) {
    return pages(
        ApiKeyRow.SELECT + "where k.snapshotId = :snapshot and k.keyId > :after order by k.keyId",
        ApiKeyRow.class,
        ApiKeyRow::keyId,
        snapshotId,
        after,
        row -> sink.accept(row.toApiKey()));
  }

  /**
   * Keyset paging on a (snapshot, id) unique index: every page is one index range after the last id
   * of the page before, so no page is read twice and none is skipped.
   */
  private static <R> Uni<Void> pages(
      String query,
      Class<R> type,
      Function<R, String> id,
      long snapshotId,
      String after,
      Consumer<R> sink) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createQuery(query, type)
                    .setParameter("snapshot", snapshotId)
                    .setParameter("after", after)
                    .setMaxResults(PAGE)
                    .getResultList())
        .chain(
            rows -> {
              rows.forEach(sink);
              return rows.size() < PAGE
                  ? Uni.createFrom().voidItem()
                  : pages(query, type, id, snapshotId, id.apply(rows.get(rows.size() - 1)), sink);
            });
  }

  /** A snapshot's header: everything but its accounts and keys. */
  private static SourceSnapshot header(Source source, SnapshotRecord record) {
    PasswordPolicy policy =
        record.ssoOnly == null
            ? null
            : new PasswordPolicy(
                record.ssoOnly,
                record.passwordMinLength,
                record.passwordRequiresMixed,
                record.passwordMaxAgeDays);
    return new SourceSnapshot(
        source.name,
        source.kind,
        Times.instant(record.takenAt),
        record.signInActivityAvailable,
        List.of(),
        List.of(),
        policy);
  }

  /** The current snapshots' records with their headers, and the sources without one. */
  private record Headers(List<WithHeader> records, AccessSnapshot snapshot) {

    static Headers of(List<Source> sources, List<SnapshotRecord> records) {
      Map<Long, Source> byId = sources.stream().collect(Collectors.toMap(s -> s.id, s -> s));
      List<WithHeader> current =
          records.stream()
              .map(r -> new WithHeader(r, header(byId.get(r.sourceId), r)))
              .sorted(Comparator.comparing(w -> w.header().source()))
              .toList();
      List<String> unsynced =
          sources.stream()
              .filter(s -> records.stream().noneMatch(r -> r.sourceId.equals(s.id)))
              .map(s -> s.name)
              .sorted()
              .toList();
      return new Headers(
          current, new AccessSnapshot(current.stream().map(WithHeader::header).toList(), unsynced));
    }
  }

  private record WithHeader(SnapshotRecord record, SourceSnapshot header) {}
}
