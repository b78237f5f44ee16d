package dev.vigil.gateway.routing;

/** An upstream's answer exceeded {@code vigil.routes.max-response-size}. */
final class ResponseTooLarge extends RuntimeException {

  ResponseTooLarge(long limit) {
    super("answer larger than " + limit + " bytes", null, false, false);
  }
}
