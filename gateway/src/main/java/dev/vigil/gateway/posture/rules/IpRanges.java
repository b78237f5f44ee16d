package dev.vigil.gateway.posture.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Whether an address range lies entirely within private address space. */
final class IpRanges {

  /** RFC 1918, RFC 6598 shared address space (carrier-grade NAT), and IPv6 unique local. */
  private static final List<String> PRIVATE =
      List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7");

  private IpRanges() {}

  /**
   * Whether every address of the CIDR range (or single address) is private. Anything that does not
   * parse is treated as not private.
   */
  static boolean isPrivate(String range) {
    Cidr cidr = Cidr.parse(range.trim());
    return cidr != null
        && PRIVATE.stream().map(Cidr::parse).anyMatch(block -> block.contains(cidr));
  }

  private record Cidr(byte[] address, int prefix) {

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      String host = slash < 0 ? text : text.substring(0, slash);
      byte[] address = host.contains(":") ? ipv6(host) : ipv4(host);
      if (address == null) {
        return null;
      }
      int bits = address.length * 8;
      int prefix;
      try {
        prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      return prefix < 0 || prefix > bits ? null : new Cidr(address, prefix);
    }

    boolean contains(Cidr other) {
      return other.address.length == address.length
          && other.prefix >= prefix
          && samePrefix(address, other.address, prefix);
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    private static byte[] ipv4(String host) {
      String[] parts = host.split("\\.", -1);
      if (parts.length != 4) {
        return null;
      }
      byte[] address = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (!parts[i].matches("\\d{1,3}")) {
          return null;
        }
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          return null;
        }
        address[i] = (byte) octet;
      }
      return address;
    }

    private static byte[] ipv6(String host) {
      // A literal with a colon is parsed, never looked up in DNS.
      if (!host.matches("[0-9A-Fa-f:.]+")) {
        return null;
      }
      try {
        byte[] address = InetAddress.getByName(host).getAddress();
        return address.length == 16 ? address : null;
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }
}
