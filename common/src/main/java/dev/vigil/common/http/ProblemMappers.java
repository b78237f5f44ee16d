package dev.vigil.common.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as RFC 9457 problem+json; unexpected ones without internals. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response mapWebApplication(WebApplicationException exception, UriInfo uri) {
    Response.Status status = Response.Status.fromStatusCode(exception.getResponse().getStatus());
    if (status == null) {
      status = Response.Status.INTERNAL_SERVER_ERROR;
    }
    Response problem =
        Problem.of(status, slug(status), exception.getMessage(), uri.getPath()).toResponse();
    // Challenges and back-off hints must survive the rewrite into problem+json.
    for (String header : new String[] {HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER}) {
      Object value = exception.getResponse().getHeaders().getFirst(header);
      if (value != null) {
        problem.getHeaders().putSingle(header, value);
      }
    }
    return problem;
  }

  @ServerExceptionMapper
  public Response mapUnexpected(Throwable exception, UriInfo uri) {
    LOG.errorf(exception, "Unhandled error on %s", uri.getPath());
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR,
            "internal-error",
            "The request could not be completed; the error was logged.",
            uri.getPath())
        .toResponse();
  }

  private static String slug(Response.Status status) {
    return status.getReasonPhrase().toLowerCase().replace(' ', '-');
  }
}
