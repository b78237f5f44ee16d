package dev.vigil.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies in front of the gateway, as address ranges: only what one of them says in
 * X-Forwarded-For is believed. Addresses are read as literals only, never looked up in DNS.
 */
final class TrustedProxies {

  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * @param cidrs addresses or CIDR ranges, e.g. {@code 10.42.0.0/16}, {@code 127.0.0.1}
   * @throws IllegalArgumentException naming an entry that is not an address or range
   */
  static TrustedProxies of(List<String> cidrs) {
    List<Range> ranges = new ArrayList<>();
    for (String cidr : cidrs) {
      String text = cidr.trim();
      int slash = text.indexOf('/');
      InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException("Not an IP address or CIDR range: " + cidr);
      }
      byte[] bytes = address.getAddress();
      int prefix;
      try {
        prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Not an IP address or CIDR range: " + cidr, e);
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw new IllegalArgumentException("Not an IP address or CIDR range: " + cidr);
      }
      ranges.add(new Range(bytes, prefix));
    }
    return new TrustedProxies(ranges);
  }

  boolean contains(InetAddress address) {
    return address != null && ranges.stream().anyMatch(r -> r.contains(address.getAddress()));
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  /**
   * An IP address written as a literal (IPv6 possibly in brackets, IPv4 possibly with a port, as
   * some proxies write them); null for anything else, host names included.
   */
  static InetAddress literal(String text) {
    String host = text.trim();
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? "" : host.substring(1, end);
    } else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (!LITERAL.matcher(host).matches() || !(host.contains(":") || isDottedQuad(host))) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean isDottedQuad(String host) {
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
