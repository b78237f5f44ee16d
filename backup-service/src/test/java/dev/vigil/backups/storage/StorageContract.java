package dev.vigil.backups.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every backend must do, run against each real server: an object exists only once committed,
 * whatever happens before, and streams through in parts larger than one buffer.
 */
abstract class StorageContract {

  /** The backend under test, with parts or blocks of {@link #partSize()} bytes. */
  abstract BackupStorage storage();

  abstract int partSize();

  /** Whether the backend's server lists uploads that were never committed. */
  boolean listsUnfinishedUploads() {
    return true;
  }

  @Test
  void shouldStoreAnObjectSpanningSeveralPartsAndReadItBackWhole() throws IOException {
    String key = key();
    byte[] content = random(partSize() * 2 + 12345);
    try (BackupStorage.Upload upload = storage().create(key)) {
      for (int offset = 0; offset < content.length; offset += 7000) {
        upload.stream().write(content, offset, Math.min(7000, content.length - offset));
      }
      upload.commit();
    }

    assertThat(storage().list()).contains(key);
    try (InputStream in = storage().open(key)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void shouldNeverShowAnUploadClosedWithoutCommit() throws IOException {
    String key = key();
    try (BackupStorage.Upload upload = storage().create(key)) {
      upload.stream().write(random(partSize() + 10));
    }

    assertThat(storage().list()).doesNotContain(key);
    assertThatThrownBy(() -> storage().open(key)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void shouldListAnUploadAbandonedMidWayAsUnfinishedUntilAborted() throws IOException {
    String key = key();
    // A crash: parts written, neither committed nor closed.
    BackupStorage.Upload upload = storage().create(key);
    upload.stream().write(random(partSize() + 10));

    assertThat(storage().list()).doesNotContain(key);
    if (!listsUnfinishedUploads()) {
      assertThat(storage().unfinished()).isEmpty();
      return;
    }
    String unfinished =
        storage().unfinished().stream().filter(n -> n.startsWith(key)).findFirst().orElseThrow();
    assertThat(ObjectKeys.backupId(unfinished)).isPresent();

    storage().abortUnfinished(unfinished);

    assertThat(storage().unfinished()).noneMatch(n -> n.startsWith(key));
    assertThat(storage().list()).doesNotContain(key);
  }

  @Test
  void shouldDeleteAnObjectAndAcceptDeletingItAgain() throws IOException {
    String key = key();
    try (BackupStorage.Upload upload = storage().create(key)) {
      upload.stream().write(random(100));
      upload.commit();
    }

    storage().delete(key);
    storage().delete(key);

    assertThat(storage().list()).doesNotContain(key);
  }

  @Test
  void shouldAnswerTheReadinessProbe() throws IOException {
    storage().probe();
  }

  static String key() {
    return "contract/2026/12/03/" + UUID.randomUUID() + ".vbk";
  }

  static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
