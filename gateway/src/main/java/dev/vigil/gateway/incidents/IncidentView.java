package dev.vigil.gateway.incidents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An incident with its links, as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentView(
    UUID id,
    String title,
    Incident.Severity severity,
    String description,
    Incident.Status status,
    Incident.Origin openedFrom,
    String alertSubject,
    String openedBy,
    String openedByName,
    OffsetDateTime openedAt,
    String closedBy,
    OffsetDateTime closedAt,
    String reviewNote,
    @JsonRawValue String checklistAtClose,
    List<LinkView> links) {

  /** One link of an incident. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LinkView(
      UUID id,
      IncidentLink.Kind kind,
      String reference,
      String note,
      OffsetDateTime from,
      OffsetDateTime to,
      String addedBy,
      OffsetDateTime addedAt) {

    static LinkView of(IncidentLink l) {
      return new LinkView(
          l.id, l.kind, l.reference, l.note, l.rangeFrom, l.rangeTo, l.addedBy, l.addedAt);
    }
  }

  static IncidentView of(Incident i, List<IncidentLink> links) {
    return new IncidentView(
        i.id,
        i.title,
        i.severity,
        i.description,
        i.status,
        i.openedFrom,
        i.alertSubject,
        i.openedBy,
        i.openedByName,
        i.openedAt,
        i.closedBy,
        i.closedAt,
        i.reviewNote,
        i.checklistAtClose,
        links.stream().map(LinkView::of).toList());
  }
}
