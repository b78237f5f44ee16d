package dev.vigil.gateway.checklist;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.vigil.gateway.attestations.AttestationView;
import dev.vigil.gateway.attestations.ExceptionView;
import dev.vigil.gateway.catalogue.ControlDefinition;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A control's history.
 *
 * @param evaluations newest first, one page
 * @param attestations every attestation, expired and revoked ones included, newest first
 * @param exceptions every accepted-risk exception, newest first
 */
public record ControlHistoryView(
    ControlDefinition control,
    List<Entry> evaluations,
    List<AttestationView> attestations,
    List<ExceptionView> exceptions) {

  /** One evaluation as it was received. */
  public record Entry(
      String status,
      OffsetDateTime evaluatedAt,
      OffsetDateTime validUntil,
      String evaluatedBy,
      OffsetDateTime receivedAt,
      String eventId,
      @JsonRawValue String evidence) {

    static Entry of(ControlHistoryEntry e) {
      return new Entry(
          e.status,
          e.evaluatedAt,
          e.validUntil,
          e.evaluatedBy,
          e.receivedAt,
          e.eventId,
          e.evidence);
    }
  }
}
