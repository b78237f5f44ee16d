package dev.vigil.common.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * @param type URI identifying the problem type
 * @param title short, human-readable summary of the type
 * @param status the HTTP status code
 * @param detail explanation of this occurrence; never secrets or echoed credentials
 * @param instance URI of this occurrence (the request path)
 * @param errors individual violations, when there are several
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    URI type, String title, int status, String detail, URI instance, List<String> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://vigil.dev/problems/";

  public static Problem of(Response.Status status, String slug, String detail, String path) {
    return new Problem(
        URI.create(TYPE_BASE + slug),
        status.getReasonPhrase(),
        status.getStatusCode(),
        detail,
        path == null ? null : instance(path),
        null);
  }

  /** The request path as a URI reference; characters a URI cannot hold are percent-encoded. */
  private static URI instance(String path) {
    try {
      return new URI(null, null, path, null);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  public Problem withErrors(List<String> violations) {
    return new Problem(type, title, status, detail, instance, List.copyOf(violations));
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }
}
