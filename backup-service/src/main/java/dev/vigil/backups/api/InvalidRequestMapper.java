package dev.vigil.backups.api;

import dev.vigil.common.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 400 problem+json listing every violation. */
public class InvalidRequestMapper {

  @ServerExceptionMapper
  public Response invalid(InvalidRequestException exception, UriInfo uri) {
    return Problem.of(
            Response.Status.BAD_REQUEST,
            "invalid-request",
            "The request cannot work: " + exception.getMessage(),
            uri.getPath())
        .withErrors(exception.errors())
        .toResponse();
  }
}
