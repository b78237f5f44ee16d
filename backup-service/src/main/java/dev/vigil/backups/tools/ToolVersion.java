package dev.vigil.backups.tools;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PostgreSQL client tool's version, from its {@code --version} line. */
public record ToolVersion(int major, int minor) implements Comparable<ToolVersion> {

  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

  /** Reads e.g. {@code pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)}. */
  public static Optional<ToolVersion> parse(String versionLine) {
    Matcher m = VERSION.matcher(versionLine == null ? "" : versionLine);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new ToolVersion(
            Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
  }

  /** The major version of a server's {@code server_version_num} (e.g. 150020 is 15). */
  public static int serverMajor(int serverVersionNum) {
    return serverVersionNum / 10_000;
  }

  @Override
  public int compareTo(ToolVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
