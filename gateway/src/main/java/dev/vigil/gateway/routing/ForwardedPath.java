package dev.vigil.gateway.routing;

import java.util.Locale;

/**
 * The path a routed call goes to: the caller's path exactly as sent (still percent-encoded), so the
 * service sees what the gateway checked. Dot segments and encoded slashes or backslashes are
 * refused, plain or percent-encoded, since a service would resolve them to paths the gateway does
 * not route (its {@code /q/} endpoints, another part of the API).
 */
final class ForwardedPath {

  private ForwardedPath() {}

  /**
   * @param rawPath the request's path as sent, e.g. {@code /api/v1/keys/environments/prod}
   * @param prefix the routed prefix, e.g. {@code /api/v1/keys}
   * @return the path to forward, or null when it must not be routed
   */
  static String of(String rawPath, String prefix) {
    if (rawPath == null || !rawPath.startsWith(prefix)) {
      return null;
    }
    String rest = rawPath.substring(prefix.length());
    if (!rest.isEmpty() && !rest.startsWith("/")) {
      return null;
    }
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")) {
      return null;
    }
    for (String segment : lower.split("/", -1)) {
      String decoded = segment.replace("%2e", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        return null;
      }
    }
    return rawPath;
  }
}
