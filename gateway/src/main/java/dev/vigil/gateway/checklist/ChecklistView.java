package dev.vigil.gateway.checklist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.vigil.common.compliance.ControlStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The checklist as the API returns it.
 *
 * @param generatedAt when this view was computed
 * @param summary number of controls per status, and the total
 * @param sections the checklist's sections, in order
 * @param controls every control, in checklist order
 */
public record ChecklistView(
    OffsetDateTime generatedAt,
    Map<String, Integer> summary,
    List<SectionDefinition> sections,
    List<ControlView> controls) {

  /**
   * One control and its current status.
   *
   * @param stale true when the last evaluation is past its valid-until (status shows UNKNOWN)
   * @param evidence the evidence of the last evaluation, absent when never evaluated
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ControlView(
      String id,
      String section,
      String title,
      String owner,
      String kind,
      ControlStatus status,
      boolean stale,
      OffsetDateTime evaluatedAt,
      OffsetDateTime validUntil,
      String evaluatedBy,
      @JsonRawValue String evidence) {}
}
