package dev.vigil.backups.dump;

import dev.vigil.backups.BackupsConfig;
import dev.vigil.backups.jobs.Progress;
import dev.vigil.backups.recovery.BackupCipher;
import dev.vigil.backups.recovery.BackupObject;
import dev.vigil.backups.snapshot.Manifest;
import dev.vigil.backups.snapshot.ManifestReader;
import dev.vigil.backups.storage.BackupStorage;
import dev.vigil.backups.targets.ConnectionSettings;
import dev.vigil.backups.targets.DatabaseConnections;
import dev.vigil.backups.tools.PgTools;
import dev.vigil.backups.tools.Streams;
import dev.vigil.backups.tools.ToolVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Takes one backup, blocking, on a worker thread: exports a snapshot in a REPEATABLE READ
 * transaction, records the manifest in that snapshot, and streams {@code pg_dump -Fc
 * --snapshot=...} through SHA-256 and Tink's streaming AEAD into the storage. No plaintext copy
 * touches the disk. The object becomes visible only when complete; the caller verifies it before it
 * counts.
 */
@ApplicationScoped
public class BackupRunner {

  private final DatabaseConnections connections;
  private final PgTools tools;
  private final BackupStorage storage;
  private final BackupCipher cipher;
  private final BackupsConfig config;
  private final ExecutorService manifests =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "vigil-backup-manifest");
            thread.setDaemon(true);
            return thread;
          });

  BackupRunner(
      DatabaseConnections connections,
      PgTools tools,
      BackupStorage storage,
      BackupCipher cipher,
      BackupsConfig config) {
    this.connections = connections;
    this.tools = tools;
    this.storage = storage;
    this.cipher = cipher;
    this.config = config;
  }

  /**
   * @throws BackupFailure with the phase and reason of what went wrong
   */
  public DumpResult run(
      UUID backupId,
      String targetName,
      String key,
      ConnectionSettings source,
      OffsetDateTime createdAt,
      Progress progress) {
    progress.phase("CONNECTING");
    try (Connection connection = openSnapshotConnection(source)) {
      String snapshot = exportSnapshot(connection);
      PgTools.Tool pgDump = tools.pgDump(ToolVersion.serverMajor(serverVersionNum(connection)));
      progress.phase("DUMPING");
      // The manifest is counted in the exporting transaction, on its own thread, while pg_dump
      // reads the same snapshot: both see the same data, and the counts cost no extra time.
      CompletableFuture<Manifest> manifest =
          CompletableFuture.supplyAsync(() -> manifest(connection, source), manifests);
      DumpResult result =
          dump(backupId, targetName, createdAt, source, snapshot, pgDump, key, manifest, progress);
      connection.commit();
      return result;
    } catch (SQLException e) {
      throw new BackupFailure(
          "CONNECTING",
          "reading the snapshot of "
              + source.describe()
              + " failed (SQLSTATE "
              + e.getSQLState()
              + ")");
    } catch (dev.vigil.backups.targets.DatabaseConnections.UnreachableException
        | dev.vigil.backups.targets.Passwords.UnavailableException e) {
      throw new BackupFailure("CONNECTING", e.getMessage());
    } catch (PgTools.ToolUnavailableException e) {
      throw new BackupFailure("CONNECTING", e.getMessage());
    }
  }

  private Connection openSnapshotConnection(ConnectionSettings source) throws SQLException {
    Connection connection = connections.open(source);
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    connection.setReadOnly(true);
    return connection;
  }

  private static String exportSnapshot(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static int serverVersionNum(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private Manifest manifest(Connection connection, ConnectionSettings source) {
    try {
      return ManifestReader.read(connection, config.manifest().exactCountMaxBytes());
    } catch (SQLException e) {
      throw new BackupFailure(
          "CONNECTING",
          "reading the manifest of "
              + source.describe()
              + " failed (SQLSTATE "
              + e.getSQLState()
              + ")");
    }
  }

  private static Manifest joined(CompletableFuture<Manifest> manifest) {
    try {
      return manifest.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof BackupFailure failure) {
        throw failure;
      }
      throw new BackupFailure("CONNECTING", "reading the manifest failed: " + e.getCause());
    }
  }

  private DumpResult dump(
      UUID backupId,
      String targetName,
      OffsetDateTime createdAt,
      ConnectionSettings source,
      String snapshot,
      PgTools.Tool pgDump,
      String key,
      CompletableFuture<Manifest> manifest,
      Progress progress) {
    BackupCipher.DataKey dataKey = cipher.newDataKey(backupId);
    ProcessBuilder builder =
        new ProcessBuilder(
            pgDump.path().toString(), "--format=custom", "--snapshot=" + snapshot, "--no-password");
    builder.environment().putAll(connections.libpqEnvironment(source));
    MessageDigest dumpDigest = Streams.sha256();
    MessageDigest objectDigest = Streams.sha256();
    long dumpBytes = 0;
    long storedBytes;
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new BackupFailure("DUMPING", "pg_dump could not be started: " + e.getMessage());
    }
    Streams.Tail errors = new Streams.Tail(process.getErrorStream());
    try (BackupStorage.Upload upload = storage.create(key);
        InputStream dump = process.getInputStream()) {
      Streams.Counting stored = new Streams.Counting(upload.stream());
      OutputStream object = new DigestOutputStream(stored, objectDigest);
      BackupObject.writeHeader(
          object,
          new BackupObject.Header(
              1,
              backupId,
              targetName,
              createdAt.toString(),
              BackupCipher.CIPHER,
              dataKey.kekKeyId(),
              Base64.getEncoder().encodeToString(dataKey.wrapped())));
      try (OutputStream encrypted =
          dataKey
              .aead()
              .newEncryptingStream(
                  Streams.unclosable(object), BackupCipher.associatedData(backupId))) {
        byte[] buffer = new byte[256 * 1024];
        int read;
        while ((read = dump.read(buffer)) >= 0) {
          dumpDigest.update(buffer, 0, read);
          encrypted.write(buffer, 0, read);
          dumpBytes += read;
          progress.bytes(dumpBytes);
        }
      }
      int exit = waitFor(process);
      if (exit != 0) {
        throw new BackupFailure(
            "DUMPING", "pg_dump exited with status " + exit + ": " + errors.last());
      }
      object.flush();
      upload.commit();
      storedBytes = stored.count();
    } catch (IOException | java.security.GeneralSecurityException e) {
      process.destroyForcibly();
      throw new BackupFailure(
          "STORING",
          "writing the backup to " + storage.kind() + " storage failed: " + e.getMessage());
    } finally {
      process.destroy();
    }
    return new DumpResult(
        joined(manifest),
        pgDump.version().toString(),
        key,
        storedBytes,
        dumpBytes,
        HexFormat.of().formatHex(dumpDigest.digest()),
        HexFormat.of().formatHex(objectDigest.digest()),
        dataKey.kekKeyId(),
        Base64.getEncoder().encodeToString(dataKey.wrapped()));
  }

  private static int waitFor(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new BackupFailure("DUMPING", "interrupted while pg_dump ran");
    }
  }
}
