package dev.vigil.access.snapshot;

import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.service;
import static dev.vigil.access.AccessTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Snapshots larger than a page are read whole, each account and key once, in id order. */
@QuarkusTest
class SnapshotPagingTest {

  static final int MEMBERS = SnapshotStore.PAGE * 2 + 7;
  static final int KEYS = SnapshotStore.PAGE + 1;

  @Inject SnapshotStore store;

  @Test
  void shouldShowEveryAccountAndKeyOnceAcrossPagesWithoutHoldingThem() throws Throwable {
    long id = source("paging", "PLATFORM");
    String prefix = "p" + id + "-";
    post(service(), "/api/v1/access-reviews/sources/" + id + "/snapshots", snapshot(prefix))
        .statusCode(201);
    String name = sourceName(id);

    List<String> accounts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    AccessSnapshot headers =
        VertxContextSupport.subscribeAndAwait(
            () ->
                Panache.withSession(
                    () ->
                        store.scan(
                            a -> {
                              if (a.source().source().equals(name)) {
                                accounts.add(a.account().id());
                              }
                            },
                            k -> {
                              if (k.id().startsWith(prefix)) {
                                keys.add(k.id());
                              }
                            })));

    assertThat(accounts).hasSize(MEMBERS).doesNotHaveDuplicates().isSorted();
    assertThat(keys).hasSize(KEYS).doesNotHaveDuplicates().isSorted();
    SourceSnapshot header =
        headers.sources().stream().filter(s -> s.source().equals(name)).findFirst().orElseThrow();
    assertThat(header.accounts()).isEmpty();
    assertThat(header.apiKeys()).isEmpty();
    assertThat(header.passwordPolicy().minLength()).isEqualTo(16);
  }

  @Test
  void shouldReadAWholeSnapshotAcrossPages() throws Throwable {
    long id = source("paging", "PLATFORM");
    String prefix = "w" + id + "-";
    post(service(), "/api/v1/access-reviews/sources/" + id + "/snapshots", snapshot(prefix))
        .statusCode(201);

    SourceSnapshot snapshot =
        VertxContextSupport.subscribeAndAwait(
            () -> Panache.withSession(() -> Source.byId(id).chain(s -> store.current(s))));

    assertThat(snapshot.accounts())
        .extracting(Account::id)
        .hasSize(MEMBERS)
        .doesNotHaveDuplicates();
    assertThat(snapshot.accounts().get(MEMBERS - 1).roles()).containsExactly("member");
    assertThat(snapshot.apiKeys()).extracting(ApiKey::id).hasSize(KEYS).doesNotHaveDuplicates();
  }

  private static String sourceName(long id) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(
        () -> Panache.withSession(() -> Source.byId(id).map(s -> s.name)));
  }

  private static String snapshot(String prefix) {
    String members =
        IntStream.range(0, MEMBERS)
            .mapToObj(
                i ->
                    "{\"id\":\"%s%05d\",\"status\":\"ACTIVE\",\"roles\":[\"member\"]}"
                        .formatted(prefix, i))
            .collect(Collectors.joining(","));
    String keys =
        IntStream.range(0, KEYS)
            .mapToObj(
                i ->
                    "{\"id\":\"%s%05d\",\"ownerId\":\"%s00000\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"status\":\"ACTIVE\"}"
                        .formatted(prefix, i, prefix))
            .collect(Collectors.joining(","));
    return "{\"members\":["
        + members
        + "],\"apiKeys\":["
        + keys
        + "],\"passwordPolicy\":{\"ssoOnly\":false,\"minLength\":16,\"requiresMixed\":true}}";
  }
}
