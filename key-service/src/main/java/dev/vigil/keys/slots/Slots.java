package dev.vigil.keys.slots;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The key slots every environment has, and the control that checks each. */
public final class Slots {

  public static final String DEVICE_ENCRYPTION_KEY = "DEVICE_ENCRYPTION_KEY";
  public static final String AUTH_SECRET = "AUTH_SECRET";
  public static final String AUTH_ENCRYPTION_KEY = "AUTH_ENCRYPTION_KEY";

  public static final List<String> STANDARD =
      List.of(DEVICE_ENCRYPTION_KEY, AUTH_SECRET, AUTH_ENCRYPTION_KEY);

  /** KEY-01..03 of the checklist, by slot. */
  public static final Map<String, String> CONTROL =
      Map.of(DEVICE_ENCRYPTION_KEY, "KEY-01", AUTH_SECRET, "KEY-02", AUTH_ENCRYPTION_KEY, "KEY-03");

  /** Secret entry names: a slot name, or a slot's version entry {@code <slot>.v<n>}. */
  private static final Pattern VERSION_ENTRY = Pattern.compile("(.+)\\.v([1-9][0-9]{0,8})");

  /** Custom slot names: what a Secret data key and an environment variable both allow. */
  public static final Pattern CUSTOM_NAME = Pattern.compile("[A-Z][A-Z0-9_]{2,62}");

  private Slots() {}

  /** The Secret entry that keeps one version of a slot, next to the slot's main entry. */
  public static String versionEntry(String slot, int version) {
    return slot + ".v" + version;
  }

  /**
   * The value a Secret holds for a version: its version entry, or for the primary, when it has none
   * yet, the slot's main entry. Null when the Secret holds neither.
   */
  public static String valueOf(Map<String, String> secret, KeySlotVersion version) {
    String value = secret.get(versionEntry(version.slot, version.version));
    if (value == null && version.is(KeySlotVersion.State.PRIMARY)) {
      value = secret.get(version.slot);
    }
    return value;
  }

  /** Whether a Secret entry is a version entry rather than a slot's main entry. */
  public static boolean isVersionEntry(String entry) {
    return VERSION_ENTRY.matcher(entry).matches();
  }
}
