package dev.vigil.backups.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that hands the bytes written to it over in fixed-size parts (S3 multipart parts,
 * Azure blocks), so an object of any size streams through one buffer and never lands on local disk.
 */
final class PartBuffer extends OutputStream {

  /** Receives each full part, and the last one (possibly short) on {@link #finish()}. */
  @FunctionalInterface
  interface PartSink {
    void accept(int partNumber, byte[] bytes, int length) throws IOException;
  }

  private final byte[] buffer;
  private final PartSink sink;
  private int filled;
  private int parts;
  private boolean finished;

  PartBuffer(int partSize, PartSink sink) {
    if (partSize <= 0) {
      throw new IllegalArgumentException("part size must be positive");
    }
    this.buffer = new byte[partSize];
    this.sink = sink;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (finished) {
      throw new IOException("the upload is already finished");
    }
    while (length > 0) {
      int chunk = Math.min(length, buffer.length - filled);
      System.arraycopy(bytes, offset, buffer, filled, chunk);
      filled += chunk;
      offset += chunk;
      length -= chunk;
      if (filled == buffer.length) {
        emit();
      }
    }
  }

  /** Sends the last part; an empty object still gets one (empty) part. Returns the part count. */
  int finish() throws IOException {
    if (!finished) {
      if (filled > 0 || parts == 0) {
        emit();
      }
      finished = true;
    }
    return parts;
  }

  private void emit() throws IOException {
    parts++;
    sink.accept(parts, buffer, filled);
    filled = 0;
  }
}
