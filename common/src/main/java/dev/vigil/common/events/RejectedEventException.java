package dev.vigil.common.events;

/**
 * A record that can never be processed (undecodable, not a CloudEvent, unknown type, schema
 * violation). It goes to the channel's dead-letter topic with the message as reason, so the message
 * names fields and rules, never values.
 */
public class RejectedEventException extends RuntimeException {

  public RejectedEventException(String reason) {
    super(reason, null, false, false);
  }
}
