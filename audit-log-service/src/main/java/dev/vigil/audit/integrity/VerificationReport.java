package dev.vigil.audit.integrity;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.audit.verify.ChainVerifier;

/**
 * The result of verifying the stored audit log.
 *
 * @param ok true when every entry and checkpoint verified
 * @param problem the first broken entry and why, when not ok
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationReport(
    boolean ok, long entriesChecked, int checkpointsChecked, ChainVerifier.Finding problem) {

  static VerificationReport of(ChainVerifier.Result result) {
    return new VerificationReport(
        result.ok(), result.entriesChecked(), result.checkpointsChecked(), result.firstProblem());
  }
}
