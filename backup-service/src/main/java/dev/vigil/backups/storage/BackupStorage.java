package dev.vigil.backups.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Where backup objects live. An object written through {@link #create} becomes visible under its
 * key only on {@link Upload#commit()}; a crash before that leaves an unfinished upload that {@link
 * #unfinished()} lists for clean-up, never an object that looks complete.
 */
public interface BackupStorage {

  /** The backend's name as evidence and metrics show it, e.g. {@code filesystem}. */
  String kind();

  /** Where an object is, for evidence: the backend and key, no credentials. */
  String location(String key);

  /** Throws unless the backend answers and the bucket, container or directory exists. */
  void probe() throws IOException;

  /** Starts writing an object. */
  Upload create(String key) throws IOException;

  /** Reads a committed object. */
  InputStream open(String key) throws IOException;

  /** Deletes a committed object; deleting a missing one is not an error. */
  void delete(String key) throws IOException;

  /** Keys of every committed object. */
  List<String> list() throws IOException;

  /** Names of unfinished uploads (a crash mid-write), to be aborted. */
  List<String> unfinished() throws IOException;

  /** Removes an unfinished upload by the name {@link #unfinished()} gave. */
  void abortUnfinished(String name) throws IOException;

  /** An object being written. */
  interface Upload extends AutoCloseable {

    OutputStream stream();

    /** Makes the object visible under its key, durably. */
    void commit() throws IOException;

    /** Discards what was written; the object never becomes visible. */
    @Override
    void close() throws IOException;
  }
}
