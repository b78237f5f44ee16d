package dev.vigil.backups.storage;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Object keys: {@code <target>/<yyyy>/<MM>/<dd>/<backup id>.vbk}. */
public final class ObjectKeys {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
  private static final Pattern ID =
      Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.vbk");

  private ObjectKeys() {}

  public static String of(String target, OffsetDateTime createdAt, UUID backupId) {
    return target + "/" + createdAt.format(DAY) + "/" + backupId + ".vbk";
  }

  /** The backup id a stored name (object or unfinished upload) belongs to. */
  public static Optional<UUID> backupId(String name) {
    Matcher m = ID.matcher(name);
    return m.find() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
  }
}
