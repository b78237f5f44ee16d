package dev.vigil.keys.transit;

import dev.vigil.common.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Key and ciphertext errors as problem+json; their messages never hold data or keys. */
public class TransitErrors {

  @ServerExceptionMapper
  public Response keyUnavailable(KeyUnavailableException exception, UriInfo uri) {
    return Problem.of(
            Response.Status.CONFLICT, "key-unavailable", exception.getMessage(), uri.getPath())
        .toResponse();
  }

  @ServerExceptionMapper
  public Response invalidCiphertext(Envelope.InvalidCiphertextException exception, UriInfo uri) {
    return Problem.of(
            Response.Status.BAD_REQUEST,
            "invalid-ciphertext",
            exception.getMessage(),
            uri.getPath())
        .toResponse();
  }
}
