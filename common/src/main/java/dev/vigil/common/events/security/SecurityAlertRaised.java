package dev.vigil.common.events.security;

import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The data of {@code dev.vigil.security.alert-raised.v1}: a detection rule met its threshold, or a
 * stored backup failed re-verification. The subject is the alert's subject.
 *
 * @param alertId the alert's id
 * @param rule the rule's id, e.g. {@code brute-force}
 * @param severity how urgent it is
 * @param subject what it is about: {@code account:<id>}, {@code source:<address>}, {@code
 *     account:<id>@source:<address>}, {@code device:<id>}, {@code integration:<id>} or {@code
 *     backup:<target>/<backup id>}
 * @param raisedAt when it was raised
 * @param control the checklist control the rule serves, {@code MON-01} to {@code MON-04}, or {@code
 *     BKV-01} for a damaged backup
 * @param window the count that met the threshold
 * @param triggeringEventIds the audit entries in the window, newest first, at most 100
 */
public record SecurityAlertRaised(
    UUID alertId,
    String rule,
    Severity severity,
    String subject,
    OffsetDateTime raisedAt,
    String control,
    Window window,
    List<String> triggeringEventIds)
    implements EventData {

  public static final String TYPE = "dev.vigil.security.alert-raised.v1";

  public SecurityAlertRaised {
    triggeringEventIds = triggeringEventIds == null ? List.of() : List.copyOf(triggeringEventIds);
  }

  /** How urgent an alert is. */
  public enum Severity {
    MEDIUM,
    HIGH,
    CRITICAL
  }

  /**
   * The window in which the rule counted.
   *
   * @param seconds the window's length; 0 for rules that count consecutive checks
   * @param count the count in the window
   * @param threshold the count the rule raises at
   */
  public record Window(long seconds, int count, int threshold) {}
}
