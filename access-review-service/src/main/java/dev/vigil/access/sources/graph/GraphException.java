package dev.vigil.access.sources.graph;

/**
 * A Graph request that failed. The message names the request path and status only: never the
 * response body, which may echo tokens or personal data.
 */
public class GraphException extends RuntimeException {

  private final int status;

  GraphException(String message, int status) {
    super(message);
    this.status = status;
  }

  GraphException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }
}
