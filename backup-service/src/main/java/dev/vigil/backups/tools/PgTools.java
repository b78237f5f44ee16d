package dev.vigil.backups.tools;

import dev.vigil.backups.BackupsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds {@code pg_dump} and {@code pg_restore} in the configured directories and picks the newest,
 * so one image backs up servers of several major versions. A tool older than the server's major
 * version cannot dump it faithfully and is refused.
 */
@ApplicationScoped
public class PgTools {

  /** A tool binary and its version. */
  public record Tool(Path path, ToolVersion version) {}

  /** No usable tool; the message names the versions involved. */
  public static class ToolUnavailableException extends RuntimeException {
    public ToolUnavailableException(String message) {
      super(message, null, false, false);
    }
  }

  private final List<String> directories;
  private final Map<Path, Optional<ToolVersion>> versions = new ConcurrentHashMap<>();

  @Inject
  PgTools(BackupsConfig config) {
    this(config.tools().directories());
  }

  PgTools(List<String> directories) {
    this.directories = List.copyOf(directories);
  }

  public Tool pgDump(int serverMajor) {
    return forServer("pg_dump", serverMajor);
  }

  public Tool pgRestore(int serverMajor) {
    return forServer("pg_restore", serverMajor);
  }

  /**
   * The newest {@code name} found, if it is at least the server's major version.
   *
   * @throws ToolUnavailableException naming both versions when the newest is too old, or naming the
   *     directories when there is none
   */
  public Tool forServer(String name, int serverMajor) {
    Tool newest = newest(name);
    if (newest.version().major() < serverMajor) {
      throw new ToolUnavailableException(
          name
              + " "
              + newest.version()
              + " is older than the server's major version "
              + serverMajor
              + ": it cannot dump or restore it faithfully; install the PostgreSQL "
              + serverMajor
              + " client tools into one of "
              + directories);
    }
    return newest;
  }

  /** The newest {@code name} in the configured directories. */
  public Tool newest(String name) {
    Tool newest = null;
    for (String directory : directories) {
      Path candidate = Path.of(directory, name);
      if (!Files.isExecutable(candidate)) {
        continue;
      }
      Optional<ToolVersion> version = versions.computeIfAbsent(candidate, PgTools::version);
      if (version.isPresent()
          && (newest == null || version.get().compareTo(newest.version()) > 0)) {
        newest = new Tool(candidate, version.get());
      }
    }
    if (newest == null) {
      throw new ToolUnavailableException("no " + name + " found in " + directories);
    }
    return newest;
  }

  private static Optional<ToolVersion> version(Path tool) {
    try {
      Process process =
          new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return Optional.empty();
      }
      return ToolVersion.parse(output);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
