package dev.vigil.backups.targets;

/**
 * How to reach one PostgreSQL database.
 *
 * @param sslMode libpq {@code sslmode}: disable, allow, prefer, require, verify-ca or verify-full
 */
public record ConnectionSettings(
    String host,
    int port,
    String database,
    String username,
    String sslMode,
    PasswordSource password) {

  /** The same server and credentials, another database. */
  public ConnectionSettings withDatabase(String other) {
    return new ConnectionSettings(host, port, other, username, sslMode, password);
  }

  /** {@code host:port/database}, for evidence and errors; names no credential. */
  public String describe() {
    return host + ":" + port + "/" + database;
  }
}
