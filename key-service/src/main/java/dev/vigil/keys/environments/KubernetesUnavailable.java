package dev.vigil.keys.environments;

import dev.vigil.common.http.Problem;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Any call that needs an environment's Secret and cannot reach its Kubernetes API (or is refused by
 * it) answers 503 problem+json naming the API and its HTTP status, never Secret content.
 */
public class KubernetesUnavailable {

  @ServerExceptionMapper
  public Response unavailable(KubernetesClientException failure, UriInfo uri) {
    return Problem.of(
            Response.Status.SERVICE_UNAVAILABLE,
            "service-unavailable",
            "the Kubernetes API is unreachable or refused the request (HTTP "
                + failure.getCode()
                + ")",
            uri.getPath())
        .toResponse();
  }
}
