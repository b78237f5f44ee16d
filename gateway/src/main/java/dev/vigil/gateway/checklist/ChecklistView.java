package dev.vigil.gateway.checklist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.attestations.AttestationView;
import dev.vigil.gateway.attestations.ExceptionView;
import dev.vigil.gateway.catalogue.SectionDefinition;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The checklist as the API returns it.
 *
 * @param generatedAt when this view was computed
 * @param asOf the point in time it shows (equal to generatedAt for the live checklist)
 * @param summary the total, the number of controls per status, how many are under an accepted-risk
 *     exception or still need an attestation, and the score: the share of controls that are PASS or
 *     ATTESTED, in percent
 * @param sections the checklist's sections, in order
 * @param controls the controls (all of them, or those the filters chose), in checklist order
 */
public record ChecklistView(
    OffsetDateTime generatedAt,
    OffsetDateTime asOf,
    Map<String, Object> summary,
    List<SectionDefinition> sections,
    List<ControlView> controls) {

  /**
   * One control and its current status.
   *
   * @param status what the checklist shows
   * @param automatedStatus what the evaluating service last reported (UNKNOWN when none or stale);
   *     absent for attest-only controls
   * @param stale true when the last evaluation is past its valid-until (status shows UNKNOWN)
   * @param evidence the evidence of the last evaluation, absent when never evaluated
   * @param attestationNeeded an attest or auto+attest control without a current attestation
   * @param attestation the current attestation, if any
   * @param exception the current accepted-risk exception, if any
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ControlView(
      String id,
      String section,
      String title,
      String owner,
      String kind,
      ControlStatus status,
      ControlStatus automatedStatus,
      boolean stale,
      OffsetDateTime evaluatedAt,
      OffsetDateTime validUntil,
      String evaluatedBy,
      @JsonRawValue String evidence,
      Boolean attestationNeeded,
      AttestationView attestation,
      ExceptionView exception) {}
}
