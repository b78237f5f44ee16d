package dev.vigil.keys.leaks;

import dev.vigil.common.events.keys.LeakFound;
import dev.vigil.common.jobs.Workers;
import dev.vigil.keys.KeyEvents;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.Fingerprints;
import dev.vigil.keys.slots.KeySlotVersion;
import dev.vigil.keys.slots.SlotPolicy;
import dev.vigil.keys.slots.Slots;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.jboss.logging.Logger;

/**
 * Runs repository scans: one due repository per round (asked for, never scanned, or last scanned an
 * interval ago), claimed in a short transaction so replicas do not scan the same one. The scan
 * itself runs on a worker thread over a mirror clone kept between scans; findings are upserted once
 * per (kind, commit, path, line), and only new ones raise an event.
 */
@ApplicationScoped
public class LeakScans {

  private static final Logger LOG = Logger.getLogger(LeakScans.class);

  private final Fingerprints fingerprints;
  private final KeyEvents events;
  private final LeakControls controls;
  private final KeysConfig config;
  private final RepositoryAddresses addresses;

  LeakScans(Fingerprints fingerprints, KeyEvents events, LeakControls controls, KeysConfig config) {
    this.fingerprints = fingerprints;
    this.events = events;
    this.controls = controls;
    this.config = config;
    this.addresses =
        new RepositoryAddresses(config.leakScan().allowedNetworks().orElse(java.util.List.of()));
  }

  @Scheduled(
      identity = "leak-scan",
      every = "${vigil.keys.leak-scan.poll-interval:30s}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scanDue() {
    return Panache.withTransaction(this::claim)
        .chain(claimed -> claimed == null ? Uni.createFrom().voidItem() : scan(claimed))
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf("Leak scan round failed: %s", failure.toString());
              return Uni.createFrom().voidItem();
            });
  }

  /** A repository and what a scan needs to know, read before the long part. */
  private record Claimed(
      LeakRepository repository, Map<String, LeakScanner.KeyRef> keys, Set<String> slots) {}

  private Uni<Claimed> claim() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return LeakRepository.<LeakRepository>find(
            "scanRequestedAt is not null or lastScanAt is null or lastScanAt < ?1"
                + " order by scanRequestedAt nulls last, lastScanAt nulls first",
            now.minus(config.leakScan().interval()))
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .page(0, 1)
        .firstResult()
        .chain(
            repository -> {
              if (repository == null) {
                return Uni.createFrom().nullItem();
              }
              repository.scanRequestedAt = null;
              repository.lastScanAt = now;
              return knownKeys()
                  .chain(
                      keys ->
                          SlotPolicy.<SlotPolicy>list("custom = true")
                              .map(
                                  custom -> {
                                    Set<String> slots = new LinkedHashSet<>(Slots.STANDARD);
                                    custom.forEach(p -> slots.add(p.slot));
                                    return new Claimed(repository, keys, slots);
                                  }));
            });
  }

  /** Every version ever recorded, by fingerprint: past versions count as leaks too. */
  private static Uni<Map<String, LeakScanner.KeyRef>> knownKeys() {
    return Environment.<Environment>listAll()
        .chain(
            environments -> {
              Map<Long, String> names =
                  environments.stream().collect(Collectors.toMap(e -> e.id, e -> e.name));
              return KeySlotVersion.<KeySlotVersion>listAll()
                  .map(
                      versions -> {
                        Map<String, LeakScanner.KeyRef> keys = new HashMap<>();
                        for (KeySlotVersion v : versions) {
                          keys.putIfAbsent(
                              v.fingerprint,
                              new LeakScanner.KeyRef(
                                  names.get(v.environmentId), v.slot, v.version));
                        }
                        return keys;
                      });
            });
  }

  private Uni<Void> scan(Claimed claimed) {
    long started = System.nanoTime();
    LeakRepository repository = claimed.repository();
    return Workers.offload(() -> run(claimed))
        .onFailure()
        .recoverWithItem(failure -> new Outcome(null, describe(failure)))
        .chain(
            outcome ->
                Panache.withTransaction(
                    () ->
                        record(repository.id, outcome, (System.nanoTime() - started) / 1_000_000)));
  }

  private record Outcome(LeakScanner.Result result, String error) {}

  private Outcome run(Claimed claimed) {
    LeakScanner scanner =
        new LeakScanner(
            token -> {
              LeakScanner.KeyRef key = claimed.keys().get(fingerprints.of(token));
              String lower = token.toLowerCase(Locale.ROOT);
              return key != null || lower.equals(token)
                  ? key
                  : claimed.keys().get(fingerprints.of(lower));
            },
            claimed.slots());
    String refused = refusedHost(claimed.repository().url);
    if (refused != null) {
      return new Outcome(null, refused);
    }
    try (Repository repository = mirror(claimed.repository())) {
      return new Outcome(scanner.scan(repository), null);
    } catch (IOException | GitAPIException | java.security.NoSuchAlgorithmException e) {
      // The raw error may quote what the remote answered (an internal page, a banner): logs only.
      LOG.infof("Leak scan of repository %d failed: %s", claimed.repository().id, e);
      return new Outcome(null, describe(e));
    }
  }

  /**
   * Resolves the host again right before connecting, so a DNS answer changed since registration
   * (rebinding) cannot point the scan at the service's own networks.
   */
  private String refusedHost(String url) {
    String host =
        url.startsWith("/") || url.startsWith("file:") ? null : RepositoryAddresses.hostOf(url);
    if (host == null) {
      return config.leakScan().allowLocalRepositories()
          ? null
          : "local repositories are disabled (vigil.keys.leak-scan.allow-local-repositories)";
    }
    try {
      addresses.check(host);
      return null;
    } catch (RepositoryAddresses.RefusedAddressException e) {
      return e.getMessage();
    } catch (java.net.UnknownHostException e) {
      return "the repository host does not resolve";
    }
  }

  private Repository mirror(LeakRepository repository)
      throws IOException, GitAPIException, java.security.NoSuchAlgorithmException {
    // Named by URL too: a changed URL, or another installation's database, never reuses a mirror.
    String url =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(repository.url.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .substring(0, 16);
    File directory = workDirectory().resolve("repository-" + repository.id + "-" + url).toFile();
    if (new File(directory, "HEAD").exists()) {
      try (Git git = Git.open(directory)) {
        git.fetch()
            .setRemote("origin")
            .setRefSpecs(new RefSpec("+refs/*:refs/*"))
            .setRemoveDeletedRefs(true)
            .call();
      }
    } else {
      Git.cloneRepository()
          .setURI(repository.url)
          .setDirectory(directory)
          .setMirror(true)
          .call()
          .close();
    }
    return new FileRepositoryBuilder().setGitDir(directory).setMustExist(true).build();
  }

  private Path workDirectory() {
    return Path.of(
        config
            .leakScan()
            .workDirectory()
            .orElse(System.getProperty("java.io.tmpdir") + "/vigil-leak-scan"));
  }

  private Uni<Void> record(long repositoryId, Outcome outcome, long millis) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return LeakRepository.<LeakRepository>findById(repositoryId)
        .chain(
            repository -> {
              repository.lastScanMillis = millis;
              repository.lastScanError = outcome.error();
              if (outcome.result() == null) {
                return Uni.createFrom().voidItem();
              }
              repository.lastScanCommits = outcome.result().commits();
              return Multi.createFrom()
                  .iterable(outcome.result().findings())
                  .onItem()
                  .transformToUniAndConcatenate(f -> upsert(repository, f, now))
                  .collect()
                  .last()
                  .replaceWithVoid();
            })
        .chain(controls::evaluate);
  }

  private Uni<Void> upsert(
      LeakRepository repository, LeakScanner.Finding found, OffsetDateTime now) {
    return LeakFinding.<LeakFinding>find(
            "repositoryId = ?1 and kind = ?2 and commitId = ?3 and path = ?4 and line = ?5",
            repository.id,
            found.kind().name(),
            found.commit(),
            found.path(),
            found.line())
        .firstResult()
        .chain(
            existing -> {
              if (existing != null) {
                existing.lastSeenAt = now;
                return Uni.createFrom().voidItem();
              }
              LeakFinding finding = new LeakFinding();
              finding.repositoryId = repository.id;
              finding.kind = found.kind().name();
              finding.commitId = found.commit();
              finding.path = found.path();
              finding.line = found.line();
              if (found.key() != null) {
                finding.environment = found.key().environment();
                finding.slot = found.key().slot();
                finding.version = found.key().version();
              }
              finding.firstSeenAt = now;
              finding.lastSeenAt = now;
              return finding
                  .<LeakFinding>persistAndFlush()
                  .chain(saved -> events.emit(repository.name, leakFound(saved, repository.name)));
            });
  }

  private static LeakFound leakFound(LeakFinding f, String repository) {
    return new LeakFound(
        f.id,
        repository,
        f.kind,
        f.commitId,
        f.path,
        f.line,
        f.control(),
        f.environment,
        f.slot,
        f.version);
  }

  /** A fixed description per kind of failure: never the remote's or JGit's own words. */
  private static String describe(Throwable failure) {
    if (failure instanceof org.eclipse.jgit.api.errors.InvalidRemoteException) {
      return "no git repository at this URL";
    }
    if (failure instanceof org.eclipse.jgit.api.errors.TransportException
        || failure instanceof org.eclipse.jgit.errors.TransportException) {
      return "the repository could not be fetched (connection, TLS, authentication or not found)";
    }
    if (failure instanceof IOException) {
      return "the mirror could not be read or written";
    }
    return "the scan failed (" + failure.getClass().getSimpleName() + ")";
  }

  /** Asks for a scan at the next round. Needs a transaction. */
  public static Uni<LeakRepository> request(LeakRepository repository) {
    repository.scanRequestedAt = OffsetDateTime.now(ZoneOffset.UTC);
    return repository.persist();
  }
}
