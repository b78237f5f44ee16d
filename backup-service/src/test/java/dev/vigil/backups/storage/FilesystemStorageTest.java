package dev.vigil.backups.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem backend meets the same contract as the object stores. */
class FilesystemStorageTest extends StorageContract {

  @TempDir Path root;
  private FilesystemStorage storage;

  @BeforeEach
  void open() {
    storage = new FilesystemStorage(root);
  }

  @Override
  BackupStorage storage() {
    return storage;
  }

  @Override
  int partSize() {
    return 64 * 1024;
  }

  @Test
  void shouldRefuseAKeyEscapingTheRoot() {
    assertThatThrownBy(() -> storage.create("../outside.vbk"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCreateAMissingRootOnTheFirstProbe() throws IOException {
    Path fresh = root.resolve("fresh/backups");

    new FilesystemStorage(fresh).probe();

    assertThat(fresh).isDirectory();
  }

  @Test
  void shouldFailTheProbeWhenTheRootIsNotADirectory() throws IOException {
    Path file = Files.writeString(root.resolve("file"), "x");

    assertThatThrownBy(() -> new FilesystemStorage(file).probe()).isInstanceOf(IOException.class);
  }
}
