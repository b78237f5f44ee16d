package dev.vigil.backups.restore;

import dev.vigil.backups.BackupsConfig;
import dev.vigil.backups.dump.BackupFailure;
import dev.vigil.backups.jobs.Progress;
import dev.vigil.backups.recovery.BackupCipher;
import dev.vigil.backups.recovery.BackupObject;
import dev.vigil.backups.snapshot.Manifest;
import dev.vigil.backups.snapshot.ManifestComparison;
import dev.vigil.backups.snapshot.ManifestReader;
import dev.vigil.backups.storage.BackupStorage;
import dev.vigil.backups.targets.ConnectionSettings;
import dev.vigil.backups.targets.DatabaseConnections;
import dev.vigil.backups.targets.ValidationCheck;
import dev.vigil.backups.tools.PgTools;
import dev.vigil.backups.tools.Streams;
import dev.vigil.backups.tools.ToolVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Restores one backup, blocking, on a worker thread: decrypts it into a private file (parallel
 * {@code pg_restore --jobs} needs a seekable archive; the file is deleted at the end), creates the
 * database, restores, then proves the restore table by table against the backup's manifest and runs
 * the target's checks. A replacing recovery restores beside the live database and swaps the names
 * only after validation passed; the old database is kept under a new name.
 */
@ApplicationScoped
public class RestoreRunner {

  /**
   * What to restore and where.
   *
   * @param server the server to restore on (its database is the maintenance database)
   * @param database the database to create
   * @param dropAfter drop the database when done (restore tests)
   * @param replace swap it in for an existing database of that name after validation
   */
  public record Plan(
      UUID restoreId,
      UUID backupId,
      String objectKey,
      String dumpSha256,
      Manifest manifest,
      ConnectionSettings server,
      String database,
      boolean dropAfter,
      boolean replace,
      List<ValidationCheck> checks) {}

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final BackupStorage storage;
  private final BackupCipher cipher;
  private final PgTools tools;
  private final DatabaseConnections connections;
  private final BackupsConfig config;

  RestoreRunner(
      BackupStorage storage,
      BackupCipher cipher,
      PgTools tools,
      DatabaseConnections connections,
      BackupsConfig config) {
    this.storage = storage;
    this.cipher = cipher;
    this.tools = tools;
    this.connections = connections;
    this.config = config;
  }

  public RestoreOutcome restore(Plan plan, Progress progress) {
    long start = System.nanoTime();
    String into = plan.replace() ? incomingName(plan.database()) : plan.database();
    Path archive = null;
    boolean created = false;
    boolean keep = false;
    try {
      progress.phase("DOWNLOADING");
      archive = decrypt(plan, progress);
      progress.phase("RESTORING");
      create(plan.server(), into);
      created = true;
      pgRestore(plan, archive, into);
      progress.phase("VALIDATING");
      Validation validation = validate(plan, into);
      RestoreOutcome validated =
          new RestoreOutcome(validation.differences(), validation.checks(), null, 0);
      if (plan.replace() && validated.passed()) {
        progress.phase("SWITCHING");
        swap(plan.server(), plan.database(), into);
      }
      keep = !plan.dropAfter() && (validated.passed() || !plan.replace());
      return validated.took(elapsed(start));
    } catch (BackupFailure failure) {
      return new RestoreOutcome(List.of(), List.of(), failure.getMessage(), elapsed(start));
    } finally {
      deleteQuietly(archive);
      if (created && !keep) {
        dropQuietly(plan.server(), into);
      }
    }
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  static String incomingName(String database) {
    String suffix = "_vigil_incoming";
    return database.substring(0, Math.min(database.length(), 63 - suffix.length())) + suffix;
  }

  private Path decrypt(Plan plan, Progress progress) {
    Path file;
    try {
      Path directory =
          config
              .restore()
              .workDirectory()
              .map(Path::of)
              .orElse(Path.of(System.getProperty("java.io.tmpdir")));
      Files.createDirectories(directory);
      file =
          Files.createTempFile(
              directory,
              "vigil-restore-",
              ".dump",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      throw new BackupFailure("DOWNLOADING", "no room for the archive: " + e.getMessage());
    }
    MessageDigest digest = Streams.sha256();
    try (InputStream object = storage.open(plan.objectKey());
        OutputStream out = Files.newOutputStream(file)) {
      BackupObject.Opened opened = BackupObject.open(object, cipher);
      if (!plan.backupId().equals(opened.header().backupId())) {
        throw new BackupFailure("DOWNLOADING", "the stored object belongs to another backup");
      }
      try (InputStream plain = new DigestInputStream(opened.archive(), digest)) {
        byte[] buffer = new byte[256 * 1024];
        long done = 0;
        int read;
        while ((read = plain.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
          done += read;
          progress.bytes(done);
        }
      }
    } catch (IOException e) {
      deleteQuietly(file);
      throw new BackupFailure(
          "DOWNLOADING", "reading or decrypting the backup failed: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      deleteQuietly(file);
      throw new BackupFailure(
          "DOWNLOADING", "the data key does not unwrap with the key-encryption keyset");
    }
    if (!HexFormat.of().formatHex(digest.digest()).equals(plan.dumpSha256())) {
      deleteQuietly(file);
      throw new BackupFailure(
          "DOWNLOADING", "the decrypted archive's SHA-256 does not match the catalogue");
    }
    return file;
  }

  private void create(ConnectionSettings server, String database) {
    execute(server, "CREATE DATABASE " + quote(database));
  }

  private void pgRestore(Plan plan, Path archive, String database) {
    PgTools.Tool pgRestore =
        tools.pgRestore(ToolVersion.serverMajor(plan.manifest().serverVersionNum()));
    ProcessBuilder builder =
        new ProcessBuilder(
            pgRestore.path().toString(),
            "--jobs=" + Math.max(1, config.restore().jobs()),
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--no-password",
            "--dbname=" + database,
            archive.toString());
    builder
        .environment()
        .putAll(connections.libpqEnvironment(plan.server().withDatabase(database)));
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process process = builder.start();
      Streams.Tail errors = new Streams.Tail(process.getErrorStream());
      int exit = process.waitFor();
      if (exit != 0) {
        throw new BackupFailure(
            "RESTORING", "pg_restore exited with status " + exit + ": " + errors.last());
      }
    } catch (IOException e) {
      throw new BackupFailure("RESTORING", "pg_restore could not be started: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackupFailure("RESTORING", "interrupted while pg_restore ran");
    }
  }

  private record Validation(List<String> differences, List<CheckResult> checks) {}

  private Validation validate(Plan plan, String database) {
    try (Connection connection = connections.open(plan.server().withDatabase(database))) {
      Manifest restored = ManifestReader.read(connection, Long.MAX_VALUE);
      List<String> differences = ManifestComparison.differences(plan.manifest(), restored);
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      List<CheckResult> checks = new ArrayList<>();
      for (ValidationCheck check : plan.checks()) {
        checks.add(run(connection, check));
      }
      connection.rollback();
      return new Validation(differences, checks);
    } catch (SQLException e) {
      throw new BackupFailure(
          "VALIDATING", "reading the restored database failed (SQLSTATE " + e.getSQLState() + ")");
    } catch (DatabaseConnections.UnreachableException e) {
      throw new BackupFailure("VALIDATING", e.getMessage());
    }
  }

  private static CheckResult run(Connection connection, ValidationCheck check) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LOCAL statement_timeout = '60s'");
      try (ResultSet rs = statement.executeQuery(check.sql())) {
        String actual = rs.next() ? rs.getString(1) : null;
        return new CheckResult(
            check.name(), check.expected(), actual, check.expected().equals(actual), null);
      }
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // The next check starts a fresh transaction either way.
      }
      return new CheckResult(
          check.name(),
          check.expected(),
          null,
          false,
          "the query failed (SQLSTATE " + e.getSQLState() + ")");
    }
  }

  private void swap(ConnectionSettings server, String live, String incoming) {
    String kept =
        live.substring(0, Math.min(live.length(), 40))
            + "_replaced_"
            + java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).format(STAMP);
    execute(
        server,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + live.replace("'", "''")
            + "' AND pid <> pg_backend_pid()");
    execute(server, "ALTER DATABASE " + quote(live) + " RENAME TO " + quote(kept));
    execute(server, "ALTER DATABASE " + quote(incoming) + " RENAME TO " + quote(live));
  }

  private void dropQuietly(ConnectionSettings server, String database) {
    try {
      execute(server, "DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
    } catch (BackupFailure e) {
      // Reported by the caller's outcome already; a leftover scratch database is visible by name.
    }
  }

  private void execute(ConnectionSettings server, String sql) {
    try (Connection connection = connections.open(server);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new BackupFailure(
          "RESTORING", "the restore server refused a step (SQLSTATE " + e.getSQLState() + ")");
    } catch (DatabaseConnections.UnreachableException e) {
      throw new BackupFailure("RESTORING", e.getMessage());
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A private temporary file; the next restore's directory sweep is not needed for it.
      }
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
