package dev.vigil.backups.dump;

/** A backup or restore step failed; the reason names objects and versions, never credentials. */
public class BackupFailure extends RuntimeException {

  private final String phase;

  public BackupFailure(String phase, String reason) {
    super(reason, null, false, false);
    this.phase = phase;
  }

  /** CONNECTING, DUMPING or VERIFYING. */
  public String phase() {
    return phase;
  }
}
