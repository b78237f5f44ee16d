package dev.vigil.backups.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Objects as files under a root directory (a mounted volume). An upload writes {@code
 * <key>.partial}, syncs it and renames it atomically on commit.
 */
public final class FilesystemStorage implements BackupStorage {

  private static final String PARTIAL = ".partial";

  private final Path root;

  public FilesystemStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String kind() {
    return "filesystem";
  }

  @Override
  public String location(String key) {
    return "file://" + resolve(key);
  }

  @Override
  public void probe() throws IOException {
    // Like the first upload would: a fresh volume has no root yet.
    Files.createDirectories(root);
    if (!Files.isWritable(root)) {
      throw new IOException(root + " is not a writable directory");
    }
  }

  @Override
  public Upload create(String key) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
    FileChannel channel =
        FileChannel.open(
            partial,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    OutputStream stream = java.nio.channels.Channels.newOutputStream(channel);
    return new Upload() {
      private boolean committed;

      @Override
      public OutputStream stream() {
        return stream;
      }

      @Override
      public void commit() throws IOException {
        stream.flush();
        channel.force(true);
        channel.close();
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
      }

      @Override
      public void close() throws IOException {
        if (!committed) {
          channel.close();
          Files.deleteIfExists(partial);
        }
      }
    };
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(resolve(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  @Override
  public List<String> list() throws IOException {
    return files().filter(p -> !p.endsWith(PARTIAL)).toList();
  }

  @Override
  public List<String> unfinished() throws IOException {
    return files().filter(p -> p.endsWith(PARTIAL)).toList();
  }

  @Override
  public void abortUnfinished(String name) throws IOException {
    if (!name.endsWith(PARTIAL)) {
      throw new IllegalArgumentException("not an unfinished upload: " + name);
    }
    Files.deleteIfExists(resolve(name));
  }

  private Stream<String> files() throws IOException {
    if (!Files.isDirectory(root)) {
      return Stream.empty();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .toList()
          .stream();
    }
  }

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || key.isBlank()) {
      throw new IllegalArgumentException("object key outside the storage root");
    }
    return path;
  }
}
