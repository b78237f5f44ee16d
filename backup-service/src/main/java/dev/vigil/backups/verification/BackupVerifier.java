package dev.vigil.backups.verification;

import dev.vigil.backups.recovery.BackupCipher;
import dev.vigil.backups.recovery.BackupObject;
import dev.vigil.backups.storage.BackupStorage;
import dev.vigil.backups.tools.PgTools;
import dev.vigil.backups.tools.Streams;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Proves a stored backup is good, blocking, on a worker thread: re-reads the object, checks its
 * checksum, decrypts it (which authenticates every segment), checks the archive's checksum and has
 * {@code pg_restore --list} read its table of contents.
 */
@ApplicationScoped
public class BackupVerifier {

  /** What one verification found. */
  public record Verdict(boolean valid, String reason, int tocEntries) {

    static Verdict bad(String reason) {
      return new Verdict(false, reason, 0);
    }
  }

  /** What the catalogue recorded about the object. */
  public record Expected(
      UUID backupId, String objectKey, String objectSha256, String dumpSha256, int serverMajor) {}

  private final BackupStorage storage;
  private final BackupCipher cipher;
  private final PgTools tools;

  BackupVerifier(BackupStorage storage, BackupCipher cipher, PgTools tools) {
    this.storage = storage;
    this.cipher = cipher;
    this.tools = tools;
  }

  public Verdict verify(Expected expected) {
    MessageDigest objectDigest = Streams.sha256();
    MessageDigest dumpDigest = Streams.sha256();
    PgTools.Tool pgRestore;
    try {
      pgRestore = tools.pgRestore(expected.serverMajor());
    } catch (PgTools.ToolUnavailableException e) {
      return Verdict.bad(e.getMessage());
    }
    Process list;
    try {
      list = new ProcessBuilder(pgRestore.path().toString(), "--list").start();
    } catch (IOException e) {
      return Verdict.bad("pg_restore could not be started: " + e.getMessage());
    }
    Streams.Tail errors = new Streams.Tail(list.getErrorStream());
    LineCounter toc = new LineCounter(list.getInputStream());
    try (InputStream object =
        new DigestInputStream(storage.open(expected.objectKey()), objectDigest)) {
      BackupObject.Opened opened = BackupObject.open(object, cipher);
      if (!expected.backupId().equals(opened.header().backupId())) {
        return Verdict.bad("the object belongs to backup " + opened.header().backupId());
      }
      try (InputStream plain = new DigestInputStream(opened.archive(), dumpDigest)) {
        // Decryption reads to the end of the ciphertext, so the object digest covers every byte.
        pipe(plain, list.getOutputStream());
      }
    } catch (GeneralSecurityException e) {
      list.destroyForcibly();
      return Verdict.bad("the data key does not unwrap with the key-encryption keyset");
    } catch (IOException e) {
      list.destroyForcibly();
      return Verdict.bad("reading or decrypting the object failed: " + e.getMessage());
    }
    String objectSha = HexFormat.of().formatHex(objectDigest.digest());
    if (!objectSha.equals(expected.objectSha256())) {
      list.destroyForcibly();
      return Verdict.bad("the stored object's SHA-256 no longer matches the catalogue");
    }
    String dumpSha = HexFormat.of().formatHex(dumpDigest.digest());
    if (!dumpSha.equals(expected.dumpSha256())) {
      list.destroyForcibly();
      return Verdict.bad("the decrypted archive's SHA-256 does not match the catalogue");
    }
    try {
      if (!list.waitFor(5, TimeUnit.MINUTES)) {
        list.destroyForcibly();
        return Verdict.bad("pg_restore --list did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Verdict.bad("interrupted");
    }
    int entries = toc.count();
    if (list.exitValue() != 0 || entries == 0) {
      return Verdict.bad(
          "pg_restore --list could not read the archive (status "
              + list.exitValue()
              + "): "
              + errors.last());
    }
    return new Verdict(true, null, entries);
  }

  /**
   * Copies the archive into pg_restore; pg_restore may stop reading after the table of contents,
   * and the rest is still read so every byte is checksummed and authenticated.
   */
  private static void pipe(InputStream plain, OutputStream restoreIn) throws IOException {
    byte[] buffer = new byte[256 * 1024];
    boolean listening = true;
    int read;
    while ((read = plain.read(buffer)) >= 0) {
      if (listening) {
        try {
          restoreIn.write(buffer, 0, read);
        } catch (IOException closed) {
          listening = false;
        }
      }
    }
    try {
      restoreIn.close();
    } catch (IOException alreadyClosed) {
      // pg_restore had read what it needed.
    }
  }

  /** Counts pg_restore's table-of-contents lines (those not starting with ';'). */
  private static final class LineCounter extends Thread {
    private final InputStream in;
    private int count;

    LineCounter(InputStream in) {
      super("vigil-pg-restore-list");
      this.in = in;
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      try (var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank() && !line.startsWith(";")) {
            count++;
          }
        }
      } catch (IOException e) {
        // The process ended.
      }
    }

    int count() {
      try {
        join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return count;
    }
  }
}
