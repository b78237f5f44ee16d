package dev.vigil.backups.api;

import java.util.List;

/** A request that cannot work; each error names the field and the rule, never a secret value. */
public class InvalidRequestException extends RuntimeException {

  private final List<String> errors;

  public InvalidRequestException(List<String> errors) {
    super(String.join("; ", errors), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
