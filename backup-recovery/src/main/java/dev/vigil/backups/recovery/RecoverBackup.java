package dev.vigil.backups.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Recovery without Vigil: decrypts and verifies a downloaded backup object into the archive stock
 * {@code pg_restore} reads, and creates or rotates key-encryption keysets.
 *
 * <pre>
 * java -jar vigil-backup-recovery-standalone.jar decrypt --keyset kek.json --in BACKUP.vbk \
 *     --out archive.dump [--sha256 HEX]
 * java -jar vigil-backup-recovery-standalone.jar new-keyset --out kek.json
 * java -jar vigil-backup-recovery-standalone.jar rotate-keyset --in kek.json --out kek-new.json
 * </pre>
 *
 * Exit status: 0 done, 1 the backup failed verification, 2 wrong usage or unreadable files.
 */
public final class RecoverBackup {

  static final int OK = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      "usage: decrypt --keyset KEK.json --in BACKUP.vbk --out ARCHIVE.dump [--sha256 HEX]\n"
          + "       new-keyset --out KEK.json\n"
          + "       rotate-keyset --in KEK.json --out NEW.json";

  private RecoverBackup() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs one command; what {@code main} does, without exiting. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    Map<String, String> options = options(args.subList(1, args.size()));
    if (options == null) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    try {
      return switch (args.get(0)) {
        case "decrypt" -> decrypt(options, out, err);
        case "new-keyset" -> write(required(options, "out"), Keysets.create(), out);
        case "rotate-keyset" ->
            write(
                required(options, "out"),
                Keysets.rotate(Files.readString(Path.of(required(options, "in")))),
                out);
        default -> {
          err.println(USAGE_TEXT);
          yield USAGE;
        }
      };
    } catch (IllegalArgumentException
        | IllegalStateException
        | IOException
        | GeneralSecurityException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    }
  }

  private static int decrypt(Map<String, String> options, PrintStream out, PrintStream err)
      throws IOException {
    BackupCipher cipher = BackupCipher.fromKeysetFile(Path.of(required(options, "keyset")));
    Path in = Path.of(required(options, "in"));
    Path target = Path.of(required(options, "out"));
    MessageDigest digest = sha256();
    long bytes = 0;
    BackupObject.Header header;
    try (InputStream object = Files.newInputStream(in);
        OutputStream archive = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
      BackupObject.Opened opened = BackupObject.open(object, cipher);
      header = opened.header();
      try (InputStream plain = new DigestInputStream(opened.archive(), digest)) {
        byte[] buffer = new byte[256 * 1024];
        int read;
        while ((read = plain.read(buffer)) >= 0) {
          archive.write(buffer, 0, read);
          bytes += read;
        }
      }
    } catch (GeneralSecurityException e) {
      Files.deleteIfExists(target);
      err.println("INVALID: the keyset cannot unwrap this backup's data key");
      return INVALID;
    } catch (BackupObject.InvalidObjectException e) {
      Files.deleteIfExists(target);
      err.println("INVALID: " + e.getMessage());
      return INVALID;
    } catch (IOException e) {
      Files.deleteIfExists(target);
      err.println("INVALID: the backup does not decrypt (" + e.getMessage() + ")");
      return INVALID;
    }
    String sha256 = HexFormat.of().formatHex(digest.digest());
    String expected = options.get("sha256");
    if (expected != null && !expected.equalsIgnoreCase(sha256)) {
      Files.deleteIfExists(target);
      err.println("INVALID: the archive's SHA-256 " + sha256 + " is not the expected " + expected);
      return INVALID;
    }
    out.println("backup   " + header.backupId());
    out.println("target   " + header.target());
    out.println("created  " + header.createdAt());
    out.println("archive  " + target + " (" + bytes + " bytes, pg_dump custom format)");
    out.println("sha256   " + sha256 + (expected != null ? " (matches)" : ""));
    out.println("restore  pg_restore --dbname=NEW_DATABASE --jobs=4 " + target);
    return OK;
  }

  private static int write(String file, String keyset, PrintStream out) throws IOException {
    Path path = Path.of(file);
    Files.writeString(path, keyset, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    try {
      Files.setPosixFilePermissions(
          path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system; the caller protects the file.
    }
    out.println("keyset written to " + path + " (keep it in a Secret and an offline copy)");
    return OK;
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      if (!args.get(i).startsWith("--") || i + 1 >= args.size()) {
        return null;
      }
      options.put(args.get(i).substring(2), args.get(i + 1));
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
