package dev.vigil.keys.leaks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses a repository host may resolve to. Refused unless an allowed network names them:
 * unspecified, loopback, link-local (cloud metadata), private (RFC 1918), shared (RFC 6598),
 * unique-local IPv6 (fc00::/7) and multicast: the service's own network, never a git host on the
 * internet. Checked at registration and again right before every fetch, so a DNS answer that
 * changes after registration (rebinding) is caught when the scan connects.
 */
public final class RepositoryAddresses {

  /** A host that resolves to a refused address; the message names the range, not the address. */
  public static final class RefusedAddressException extends Exception {
    RefusedAddressException(String message) {
      super(message, null, false, false);
    }
  }

  private record Network(byte[] prefix, int bits) {
    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != prefix.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((bytes[i / 8] & mask) != (prefix[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final List<Network> SHARED = List.of(network("100.64.0.0/10"));
  private static final List<Network> ZERO = List.of(network("0.0.0.0/8"));
  private static final List<Network> UNIQUE_LOCAL = List.of(network("fc00::/7"));

  private final List<Network> allowed;

  /**
   * @param allowedNetworks CIDRs (e.g. {@code 10.20.0.0/16}) a repository host may resolve to even
   *     though they are in a refused range
   * @throws IllegalArgumentException for a CIDR that does not parse
   */
  public RepositoryAddresses(List<String> allowedNetworks) {
    this.allowed = allowedNetworks.stream().map(RepositoryAddresses::network).toList();
  }

  /** Why the address is refused, or {@code null} when it may be reached. */
  public String refusal(InetAddress address) {
    if (allowed.stream().anyMatch(n -> n.contains(address))) {
      return null;
    }
    if (address.isAnyLocalAddress() || ZERO.stream().anyMatch(n -> n.contains(address))) {
      return "an unspecified address";
    }
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address (such as cloud metadata)";
    }
    if (address.isSiteLocalAddress()) {
      return "a private address";
    }
    if (address instanceof Inet4Address && SHARED.stream().anyMatch(n -> n.contains(address))) {
      return "a shared (carrier-grade NAT) address";
    }
    if (address instanceof Inet6Address
        && UNIQUE_LOCAL.stream().anyMatch(n -> n.contains(address))) {
      return "a unique-local IPv6 address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    return null;
  }

  /**
   * Resolves the host now and refuses it when any of its addresses is refused.
   *
   * @throws UnknownHostException when it does not resolve
   */
  public void check(String host) throws UnknownHostException, RefusedAddressException {
    for (InetAddress address : InetAddress.getAllByName(host)) {
      String refusal = refusal(address);
      if (refusal != null) {
        throw new RefusedAddressException(
            "the repository host resolves to "
                + refusal
                + "; list its network in vigil.keys.leak-scan.allowed-networks to scan it");
      }
    }
  }

  /** The host a registered repository URL connects to; {@code null} for a local path. */
  public static String hostOf(String url) {
    if (url.matches("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+")) {
      return url.substring(url.indexOf('@') + 1, url.indexOf(':'));
    }
    return java.net.URI.create(url).getHost();
  }

  private static Network network(String cidr) {
    if (!isLiteral(cidr)) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    int slash = cidr.indexOf('/');
    try {
      byte[] prefix =
          InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
      int bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
      if (bits < 0 || bits > prefix.length * 8) {
        throw new IllegalArgumentException("not a CIDR: " + cidr);
      }
      return new Network(prefix, bits);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
  }

  private static boolean isLiteral(String cidr) {
    return cidr.matches("[0-9a-fA-F:.]+(/[0-9]{1,3})?");
  }
}
