package dev.vigil.gateway.attestations;

import dev.vigil.gateway.catalogue.ControlCatalogue;
import dev.vigil.gateway.catalogue.ControlDefinition;
import jakarta.ws.rs.BadRequestException;
import java.net.URI;
import java.net.URISyntaxException;

/** Checks shared by attestations and exceptions; messages never echo long input. */
final class Validation {

  static final int MAX_TEXT = 2000;

  private Validation() {}

  static ControlDefinition control(ControlCatalogue catalogue, String controlId) {
    if (controlId == null || controlId.isBlank()) {
      throw new BadRequestException("controlId is required");
    }
    return catalogue.require(controlId);
  }

  static String text(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException(name + " is required");
    }
    if (value.length() > MAX_TEXT) {
      throw new BadRequestException(name + " is limited to " + MAX_TEXT + " characters");
    }
    return value.strip();
  }

  static String link(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(value.strip());
      if (value.length() > 1000
          || uri.getHost() == null
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new BadRequestException(
            "evidenceLink must be an http or https URL of at most 1000 characters");
      }
      return uri.toString();
    } catch (URISyntaxException e) {
      throw new BadRequestException("evidenceLink is not a valid URL");
    }
  }
}
