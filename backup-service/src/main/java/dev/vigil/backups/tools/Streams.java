package dev.vigil.backups.tools;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Small stream helpers for piping the PostgreSQL tools' dumps through digests and ciphers. */
public final class Streams {

  private Streams() {}

  /** A fresh SHA-256 digest, which every JVM has. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts the bytes written through it. */
  public static final class Counting extends FilterOutputStream {
    private long count;

    public Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    public long count() {
      return count;
    }
  }

  /** Passes writes on but not {@code close()}, so a cipher stream cannot close the upload. */
  public static OutputStream unclosable(OutputStream out) {
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

  /** Reads a process's error stream on its own thread, keeping only the last lines. */
  public static final class Tail extends Thread {
    private final InputStream in;
    private final Deque<String> lines = new ArrayDeque<>();

    public Tail(InputStream in) {
      super("vigil-process-stderr");
      this.in = in;
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      try (var reader =
          new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (lines) {
            lines.addLast(line.length() > 300 ? line.substring(0, 300) : line);
            if (lines.size() > 5) {
              lines.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        // The process ended; what was read is kept.
      }
    }

    /** The last lines, joined; waits briefly for the reader to finish. */
    public String last() {
      try {
        join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (lines) {
        return lines.isEmpty() ? "no output" : String.join(" | ", lines);
      }
    }
  }
}
