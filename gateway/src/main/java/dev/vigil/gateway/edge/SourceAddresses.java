package dev.vigil.gateway.edge;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.List;

/**
 * The client address of a request, for the per-source rate limit and the call audit:
 * X-Forwarded-For counts only as far as {@code vigil.edge.trusted-proxies} wrote it ({@link
 * ClientAddress}).
 */
@ApplicationScoped
public class SourceAddresses {

  private final TrustedProxies trusted;

  SourceAddresses(EdgeConfig config) {
    this.trusted = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
  }

  /** The client's address as text; null when the connection has no IP peer. */
  public String of(HttpServerRequest request) {
    InetAddress peer =
        request.remoteAddress() == null
            ? null
            : TrustedProxies.literal(request.remoteAddress().hostAddress());
    return ClientAddress.of(peer, request.headers().getAll("X-Forwarded-For"), trusted);
  }
}
