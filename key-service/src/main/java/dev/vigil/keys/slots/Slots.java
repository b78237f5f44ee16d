package dev.vigil.keys.slots;

import java.util.List;
import java.util.Map;

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

  private Slots() {}
}
