package dev.vigil.access.controls;

import io.smallrye.mutiny.Uni;

/** Where the controls read the completed reviews from; the campaigns implement it. */
public interface ReviewHistoryReader {

  /** The latest closed campaign of each scope; needs a session. */
  Uni<ReviewHistory> read();
}
