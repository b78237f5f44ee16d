package dev.vigil.audit.detection;

import java.time.Duration;
import java.util.List;

/**
 * A rule met its threshold for a subject.
 *
 * @param subject what the alert is about, e.g. {@code account:alice@source:203.0.113.7}
 * @param count the count in the window that met the threshold
 * @param triggeringEventIds the audit entries in the window (newest first, at most 100)
 */
public record Detection(
    Rule rule,
    String subject,
    int count,
    int threshold,
    Duration window,
    List<String> triggeringEventIds) {}
