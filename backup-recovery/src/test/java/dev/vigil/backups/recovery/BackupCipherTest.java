package dev.vigil.backups.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCipherTest {

  @TempDir Path directory;

  private BackupCipher cipher() throws Exception {
    Path kek = directory.resolve("kek.json");
    if (!Files.exists(kek)) {
      Files.writeString(kek, Keysets.create());
    }
    return BackupCipher.fromKeysetFile(kek);
  }

  /** A sealed object, as backup-service stores it. */
  static byte[] seal(BackupCipher cipher, UUID id, byte[] plain) throws Exception {
    BackupCipher.DataKey key = cipher.newDataKey(id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BackupObject.writeHeader(
        out,
        new BackupObject.Header(
            1,
            id,
            "t",
            "2026-12-03T00:00:00Z",
            BackupCipher.CIPHER,
            key.kekKeyId(),
            Base64.getEncoder().encodeToString(key.wrapped())));
    try (OutputStream encrypted =
        key.aead().newEncryptingStream(unclosable(out), BackupCipher.associatedData(id))) {
      encrypted.write(plain);
    }
    return out.toByteArray();
  }

  /** The cipher stream's close() must not close the object it writes into. */
  static OutputStream unclosable(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  private static byte[] open(BackupCipher cipher, UUID id, byte[] object) throws Exception {
    InputStream in = new ByteArrayInputStream(object);
    BackupObject.Header header = BackupObject.readHeader(in);
    try (InputStream plain =
        cipher
            .open(id, header.wrappedKeyBytes())
            .newDecryptingStream(in, BackupCipher.associatedData(id))) {
      return plain.readAllBytes();
    }
  }

  @Test
  void shouldRoundTripAnArchiveLargerThanOneSegment() throws Exception {
    byte[] plain = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(plain);
    UUID id = UUID.randomUUID();
    BackupCipher cipher = cipher();
    assertThat(open(cipher, id, seal(cipher, id, plain))).isEqualTo(plain);
  }

  @Test
  void shouldRefuseAFlippedByte() throws Exception {
    UUID id = UUID.randomUUID();
    BackupCipher cipher = cipher();
    byte[] object = seal(cipher, id, "PGDMP some archive".repeat(1000).getBytes());
    object[object.length - 40] ^= 1;
    assertThatThrownBy(() -> open(cipher, id, object)).isInstanceOf(IOException.class);
  }

  @Test
  void shouldRefuseAnObjectPassedOffAsAnotherBackup() throws Exception {
    UUID id = UUID.randomUUID();
    BackupCipher cipher = cipher();
    byte[] object = seal(cipher, id, "archive".getBytes());
    assertThatThrownBy(() -> open(cipher, UUID.randomUUID(), object))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void shouldStillOpenOldBackupsAfterTheKeyEncryptionKeyRotated() throws Exception {
    // A rotation adds a key and makes it primary; the old key stays in the set to open old data.
    UUID id = UUID.randomUUID();
    Path oldKek = directory.resolve("old.json");
    Files.writeString(oldKek, Keysets.create());
    BackupCipher before = BackupCipher.fromKeysetFile(oldKek);
    byte[] object = seal(before, id, "archive".getBytes());
    Path rotated = directory.resolve("rotated.json");
    Files.writeString(rotated, Keysets.rotate(Files.readString(oldKek)));
    BackupCipher after = BackupCipher.fromKeysetFile(rotated);
    assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
    assertThat(open(after, id, object)).isEqualTo("archive".getBytes());
    UUID fresh = UUID.randomUUID();
    assertThat(after.newDataKey(fresh).kekKeyId()).isEqualTo(after.primaryKeyId());
  }
}
