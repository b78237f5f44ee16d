package dev.vigil.gateway.incidents;

import java.time.OffsetDateTime;

/** Request bodies of the incident API. */
final class IncidentRequests {

  private IncidentRequests() {}

  /**
   * @param title required, at most 200 characters
   * @param severity LOW, MEDIUM, HIGH or CRITICAL
   * @param description optional, at most 2000 characters
   */
  record Open(String title, Incident.Severity severity, String description) {}

  /**
   * @param kind ALERT, AUDIT_RANGE, ACTION, EXPORT or EVIDENCE
   * @param reference the linked item's ID or URL (for AUDIT_RANGE, the search query or a label)
   * @param from start of an AUDIT_RANGE (required for it)
   * @param to end of an AUDIT_RANGE (required for it, after from)
   */
  record Link(
      IncidentLink.Kind kind,
      String reference,
      String note,
      OffsetDateTime from,
      OffsetDateTime to) {}

  /**
   * @param reviewNote the post-incident review: cause, what was done, what changes (required)
   */
  record Close(String reviewNote) {}
}
