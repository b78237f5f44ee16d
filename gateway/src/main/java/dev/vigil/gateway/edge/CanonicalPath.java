package dev.vigil.gateway.edge;

/**
 * Whether a request path is in the one form the router resolves it to. The call audit and the rate
 * limits decide from the path as sent whether a call is an API call, while the router first decodes
 * percent-escaped letters, removes dot segments, empty segments and matrix parameters: any path
 * those steps would change is a second spelling of some API path, so the edge refuses it.
 */
public final class CanonicalPath {

  private static final String UNRESERVED_MARKS = "-._~";

  private CanonicalPath() {}

  /**
   * @param rawPath the request's path as sent, without the query string
   * @return true when no normalisation step would change it
   */
  public static boolean isCanonical(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return false;
    }
    if (rawPath.contains("//") || rawPath.indexOf(';') >= 0 || rawPath.indexOf('\\') >= 0) {
      return false;
    }
    for (int i = 0; i < rawPath.length(); i++) {
      if (rawPath.charAt(i) == '%' && !isEscapedReservedOctet(rawPath, i)) {
        return false;
      }
    }
    for (String segment : rawPath.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the audit and the rate limits must see the request: an API call, or a path that is not
   * canonical (refused, and that refusal audited and counted too).
   */
  public static boolean underEdgeControl(String rawPath) {
    return rawPath == null || rawPath.startsWith("/api/") || !isCanonical(rawPath);
  }

  /** An escape needs two hex digits, and must not stand for a character that needs none. */
  private static boolean isEscapedReservedOctet(String path, int at) {
    if (at + 2 >= path.length()) {
      return false;
    }
    int high = Character.digit(path.charAt(at + 1), 16);
    int low = Character.digit(path.charAt(at + 2), 16);
    if (high < 0 || low < 0) {
      return false;
    }
    char decoded = (char) (high * 16 + low);
    return !isUnreserved(decoded);
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || UNRESERVED_MARKS.indexOf(c) >= 0;
  }
}
