package dev.vigil.backups.jobs;

/** What a long-running job reports while it works: its phase and how many bytes it moved. */
public interface Progress {

  void phase(String phase);

  void bytes(long done);
}
