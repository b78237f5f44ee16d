package dev.vigil.testing.objectstore;

import dev.vigil.testing.net.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A storage server from the npm registry (pinned in {@code testing/servers/package.json}), started
 * as a real process on a free loopback port. {@code npm ci} runs once when the packages are
 * missing, so a fresh clone needs only Node.js and npm.
 */
abstract class NodeServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path dataDirectory;
  private final Path log;
  private final int port;

  /** The server's command-line arguments for a port and a data directory. */
  interface Arguments {
    List<String> of(int port, Path dataDirectory);
  }

  NodeServer(String binary, String name, Arguments arguments) {
    Path servers = serversDirectory();
    Path executable = servers.resolve("node_modules/.bin/" + binary);
    synchronized (NodeServer.class) {
      if (!Files.isExecutable(executable)) {
        install(servers);
      }
    }
    try {
      this.port = FreePorts.next();
      this.dataDirectory = Files.createTempDirectory("vigil-" + name + "-");
      this.log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
      List<String> command = new ArrayList<>();
      command.add(executable.toString());
      command.addAll(arguments.of(port, dataDirectory));
      this.process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
    awaitPort(name);
  }

  public int port() {
    return port;
  }

  /** Stops the server like a crash or an outage would; the data directory stays for a restart. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
    try (var files = Files.walk(dataDirectory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }

  private void awaitPort(String name) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited at start; see " + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    kill();
    throw new IllegalStateException(name + " did not listen on " + port + "; see " + log);
  }

  private static void install(Path servers) {
    try {
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
              .directory(servers.toFile())
              .inheritIO()
              .start();
      if (npm.waitFor() != 0) {
        throw new IllegalStateException("npm ci in " + servers + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("npm is needed to install the test servers", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code testing/servers} of the checkout, found upwards from the working directory. */
  private static Path serversDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testing/servers/package.json");
      if (Files.isRegularFile(candidate)) {
        return candidate.getParent();
      }
    }
    throw new IllegalStateException("testing/servers/package.json not found above the working dir");
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
