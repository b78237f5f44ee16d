package dev.vigil.audit.chain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Reads the source address of an audit event as an IP address for CIDR search. Only literal IPv4
 * and IPv6 addresses count; anything else (a host name, a proxy chain) stays searchable as text.
 * Host names are never resolved.
 */
public final class SourceAddresses {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** Starts as Java reads a literal (a hex digit or ':'), so getByName never resolves it. */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private SourceAddresses() {}

  /** The address in canonical form, or null when the text is not an IP literal. */
  public static String inet(String sourceAddress) {
    if (sourceAddress == null || sourceAddress.length() > 45) {
      return null;
    }
    if (IPV4.matcher(sourceAddress).matches()) {
      StringBuilder canonical = new StringBuilder(15);
      for (String octet : sourceAddress.split("\\.")) {
        int value = Integer.parseInt(octet);
        if (value > 255) {
          return null;
        }
        canonical.append(canonical.length() == 0 ? "" : ".").append(value);
      }
      return canonical.toString();
    }
    if (!IPV6.matcher(sourceAddress).matches() || sourceAddress.indexOf(':') < 0) {
      return null;
    }
    try {
      // A literal (checked above), so this parses and never performs a DNS lookup.
      InetAddress address = InetAddress.getByName(sourceAddress);
      // Java reads ::ffff:a.b.c.d as IPv4; PostgreSQL keeps it IPv6, as the V6 backfill did.
      return address instanceof Inet4Address
          ? "::ffff:" + address.getHostAddress()
          : address.getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
