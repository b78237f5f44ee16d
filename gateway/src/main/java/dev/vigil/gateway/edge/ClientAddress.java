package dev.vigil.gateway.edge;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a request comes from. Each trusted proxy appends the address it received the request
 * from to X-Forwarded-For, so reading the header from the right, past the trusted proxies, the
 * first other address is the client's; everything further left was written by the client and proves
 * nothing. A peer that is not a trusted proxy is the client, whatever it sends.
 */
final class ClientAddress {

  private ClientAddress() {}

  /**
   * @param peer the address of the connection's other end
   * @param forwardedFor every X-Forwarded-For header value, in order
   * @param trusted the proxies whose header is believed
   * @return the client's address as text; null when the connection has no IP peer
   */
  static String of(InetAddress peer, List<String> forwardedFor, TrustedProxies trusted) {
    if (peer == null) {
      return null;
    }
    if (!trusted.contains(peer)) {
      return peer.getHostAddress();
    }
    List<String> hops = new ArrayList<>();
    for (String value : forwardedFor) {
      for (String hop : value.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop);
        }
      }
    }
    InetAddress nearest = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = TrustedProxies.literal(hops.get(i));
      if (hop == null) {
        // A trusted proxy writes an address: the proxy nearest to this entry is the client we know.
        return nearest.getHostAddress();
      }
      if (!trusted.contains(hop)) {
        return hop.getHostAddress();
      }
      nearest = hop;
    }
    return nearest.getHostAddress();
  }
}
