package dev.vigil.backups.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoverBackupTest {

  @TempDir Path directory;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path keyset;
  private final byte[] archive =
      "PGDMP the archive".repeat(50_000).getBytes(StandardCharsets.UTF_8);
  private Path object;

  @BeforeEach
  void sealABackup() throws Exception {
    keyset = directory.resolve("kek.json");
    assertThat(run("new-keyset", "--out", keyset.toString())).isZero();
    object = directory.resolve("backup.vbk");
    Files.write(
        object,
        BackupCipherTest.seal(BackupCipher.fromKeysetFile(keyset), UUID.randomUUID(), archive));
  }

  private int run(String... args) {
    return RecoverBackup.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
  }

  @Test
  void shouldDecryptIntoTheArchiveAndCheckItsChecksum() throws Exception {
    Path target = directory.resolve("archive.dump");
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));

    int status =
        run(
            "decrypt",
            "--keyset",
            keyset.toString(),
            "--in",
            object.toString(),
            "--out",
            target.toString(),
            "--sha256",
            sha256);

    assertThat(status).isZero();
    assertThat(Files.readAllBytes(target)).isEqualTo(archive);
    assertThat(out.toString()).contains("(matches)", "pg_restore --dbname=");
  }

  @Test
  void shouldRefuseAnArchiveWhoseChecksumDiffersAndLeaveNoFile() {
    Path target = directory.resolve("archive.dump");

    int status =
        run(
            "decrypt",
            "--keyset",
            keyset.toString(),
            "--in",
            object.toString(),
            "--out",
            target.toString(),
            "--sha256",
            "0".repeat(64));

    assertThat(status).isEqualTo(RecoverBackup.INVALID);
    assertThat(target).doesNotExist();
  }

  @Test
  void shouldRefuseAFlippedByte() throws Exception {
    byte[] bytes = Files.readAllBytes(object);
    bytes[bytes.length - 100] ^= 0x10;
    Files.write(object, bytes);
    Path target = directory.resolve("archive.dump");

    int status =
        run(
            "decrypt",
            "--keyset",
            keyset.toString(),
            "--in",
            object.toString(),
            "--out",
            target.toString());

    assertThat(status).isEqualTo(RecoverBackup.INVALID);
    assertThat(err.toString()).contains("does not decrypt");
    assertThat(target).doesNotExist();
  }

  @Test
  void shouldRefuseAnotherKeyset() throws Exception {
    Path other = directory.resolve("other.json");
    run("new-keyset", "--out", other.toString());

    int status =
        run(
            "decrypt",
            "--keyset",
            other.toString(),
            "--in",
            object.toString(),
            "--out",
            directory.resolve("x.dump").toString());

    assertThat(status).isEqualTo(RecoverBackup.INVALID);
    assertThat(err.toString()).contains("cannot unwrap");
  }

  @Test
  void shouldStillDecryptWithARotatedKeyset() throws Exception {
    Path rotated = directory.resolve("rotated.json");
    assertThat(run("rotate-keyset", "--in", keyset.toString(), "--out", rotated.toString()))
        .isZero();

    int status =
        run(
            "decrypt",
            "--keyset",
            rotated.toString(),
            "--in",
            object.toString(),
            "--out",
            directory.resolve("x.dump").toString());

    assertThat(status).isZero();
  }

  @Test
  void shouldExplainItsUsage() {
    assertThat(run()).isEqualTo(RecoverBackup.USAGE);
    assertThat(run("decrypt", "--in")).isEqualTo(RecoverBackup.USAGE);
    assertThat(err.toString()).contains("usage: decrypt");
  }
}
