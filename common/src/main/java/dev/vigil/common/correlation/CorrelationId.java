package dev.vigil.common.correlation;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ID that ties one API call together across services: taken from the caller's {@value #HEADER}
 * or created by {@link CorrelationFilter}, kept in the request's context, sent on to the service a
 * call is routed to, echoed in the response and recorded in the call's audit events.
 */
public final class CorrelationId {

  public static final String HEADER = "X-Correlation-ID";

  static final String CONTEXT_KEY = "vigil.correlation-id";

  // Bounded and free of separators, quotes and control characters: it is copied into headers, logs
  // and audit events, where a caller's text must not forge lines or fields.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private CorrelationId() {}

  /** The caller's ID when it is safe to pass on, otherwise a fresh random one. */
  public static String acceptOrCreate(String incoming) {
    return incoming != null && SAFE.matcher(incoming).matches()
        ? incoming
        : UUID.randomUUID().toString();
  }

  /** The ID of the request, or null for a request {@link CorrelationFilter} did not see. */
  public static String of(RoutingContext request) {
    return request.get(CONTEXT_KEY);
  }

  /**
   * The ID of the request being served, or null outside one (scheduled jobs, event consumers), for
   * code that has no {@link RoutingContext} at hand.
   */
  public static String current() {
    ArcContainer container = Arc.container();
    if (container == null || !container.requestContext().isActive()) {
      return null;
    }
    RoutingContext request = container.instance(CurrentVertxRequest.class).get().getCurrent();
    return request == null ? null : of(request);
  }
}
