package dev.vigil.gateway.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.common.correlation.CorrelationId;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.EventJson;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.events.audit.AuditEventRecorded.Actor;
import dev.vigil.common.events.audit.AuditEventRecorded.Target;
import dev.vigil.common.security.TokenClaims;
import dev.vigil.gateway.edge.CanonicalPath;
import dev.vigil.gateway.edge.SourceAddresses;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every API call the gateway serves, refused ones included, becomes an audit event on {@code
 * vigil.audit} through the outbox (group-committed, see {@link AuditBatcher}) before the response
 * goes out: who (oid, tid, app), what (method and path), outcome and status, source address and
 * correlation ID. Never the token, never request or response bodies.
 */
@ApplicationScoped
public class CallAudit {

  private static final Logger LOG = Logger.getLogger(CallAudit.class);

  private final AuditBatcher batcher;
  private final EventFactory events;
  private final SourceAddresses addresses;

  CallAudit(AuditBatcher batcher, EventFactory events, SourceAddresses addresses) {
    this.batcher = batcher;
    this.events = events;
    this.addresses = addresses;
  }

  @ServerResponseFilter
  Uni<Void> audit(
      ContainerResponseContext response, HttpServerRequest request, RoutingContext routing) {
    if (!CanonicalPath.underEdgeControl(request.path())) {
      return Uni.createFrom().voidItem();
    }
    int status = response.getStatus();
    String correlation = CorrelationId.of(routing);
    return QuarkusHttpUser.getSecurityIdentity(routing, null)
        .onFailure()
        .recoverWithNull()
        .map(caller -> event(caller, request, addresses.of(request), status, correlation))
        .chain(data -> batcher.record(events.create(data.actor().id(), data)))
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.errorf(
                  "Could not record the audit event of %s %s: %s",
                  request.method(), request.path(), failure.toString());
              return Uni.createFrom().voidItem();
            });
  }

  private static AuditEventRecorded event(
      SecurityIdentity identity,
      HttpServerRequest request,
      String sourceAddress,
      int status,
      String correlation) {
    Actor actor = new Actor("anonymous", "anonymous", null);
    ObjectNode details = EventJson.MAPPER.createObjectNode();
    String tenant = null;
    if (identity != null
        && !identity.isAnonymous()
        && identity.getPrincipal() instanceof JsonWebToken token) {
      Object oid = TokenClaims.value(token, "oid");
      Object app = TokenClaims.value(token, "azp");
      Object kind = TokenClaims.value(token, "idtyp");
      Object tid = TokenClaims.value(token, "tid");
      actor =
          new Actor(
              String.valueOf(oid != null ? oid : app),
              "app".equals(String.valueOf(kind)) ? "service" : "user",
              null);
      tenant = tid == null ? null : tid.toString();
      if (app != null) {
        details.put("app", app.toString());
      }
    }
    boolean refusedPath = status == 400 && !CanonicalPath.isCanonical(request.path());
    details.put("method", request.method().name());
    details.put("status", status);
    return new AuditEventRecorded(
        OffsetDateTime.now(ZoneOffset.UTC),
        actor,
        refusedPath ? "api.path.refused" : action(status),
        new Target("api", truncate(request.path(), 256), null),
        refusedPath ? "denied" : outcome(status),
        sourceAddress,
        truncate(request.getHeader("User-Agent"), 512),
        tenant,
        truncate(correlation, 128),
        details);
  }

  private static String action(int status) {
    return switch (status) {
      case 401 -> "api.auth.rejected";
      case 403 -> "api.access.denied";
      case 429 -> "api.call.rate-limited";
      default -> "api.call.completed";
    };
  }

  private static String outcome(int status) {
    if (status < 400) {
      return "success";
    }
    if (status == 401 || status == 403 || status == 429) {
      return "denied";
    }
    return status >= 500 ? "error" : "failure";
  }

  private static String truncate(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }
}
