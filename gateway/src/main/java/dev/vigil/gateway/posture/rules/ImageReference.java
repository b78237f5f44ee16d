package dev.vigil.gateway.posture.rules;

/**
 * A container image reference split into its parts: {@code [registry/]path[:tag][@digest]}.
 *
 * <p>The first path component is a registry only if it looks like a host: it has a dot or a port,
 * or is {@code localhost}. So {@code registry:5000/app:1.2} has registry {@code registry:5000},
 * path {@code app} and tag {@code 1.2}; {@code bitnami/postgresql} is a Docker Hub path.
 *
 * @param registry the registry host, or null for Docker Hub shorthand
 * @param path the repository path within the registry
 * @param tag the tag, or null
 * @param digest the digest such as {@code sha256:...}, or null
 */
record ImageReference(String registry, String path, String tag, String digest) {

  static ImageReference parse(String image) {
    String rest = image.trim();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = emptyToNull(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = emptyToNull(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    String registry = null;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  /** The repository as written: {@code ghcr.io/vigil/gateway}, {@code postgres}. */
  String repository() {
    return registry == null ? path : registry + "/" + path;
  }

  /**
   * The repository with Docker Hub shorthand expanded, so {@code postgres} and {@code
   * docker.io/library/postgres} compare equal.
   */
  String canonicalRepository() {
    if (registry == null || registry.equals("docker.io") || registry.equals("index.docker.io")) {
      return "docker.io/" + (path.contains("/") ? path : "library/" + path);
    }
    return repository();
  }

  /** Whether the reference can point at different builds over time: {@code latest} or no tag. */
  boolean mutable() {
    return digest == null && (tag == null || tag.equals("latest"));
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
