package dev.vigil.access.sources.scim;

/** A SCIM read failed; the message names the collection and status, never a response body. */
public class ScimException extends RuntimeException {

  public ScimException(String message) {
    super(message);
  }
}
