package dev.vigil.keys.reencryption;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.keys.ReencryptionProgressed;
import java.time.OffsetDateTime;

/** A job's progress, as the API shows it and as its events carry it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(
    long jobId,
    String environment,
    String slot,
    int targetVersion,
    String reason,
    String state,
    long total,
    long done,
    long failed,
    double ratePerSecond,
    Double etaSeconds,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    String error) {

  static Progress of(ReencryptionJob job, String environment) {
    return new Progress(
        job.id,
        environment,
        job.slot,
        job.targetVersion,
        job.reason,
        job.state,
        job.total,
        job.done,
        job.failed,
        Math.round(job.ratePerSecond() * 10) / 10.0,
        job.etaSeconds() == null ? null : Math.round(job.etaSeconds() * 10) / 10.0,
        job.startedAt,
        job.finishedAt,
        job.error);
  }

  /** The event data: the schema's fields only. */
  ReencryptionProgressed event() {
    return new ReencryptionProgressed(
        jobId,
        environment,
        slot,
        targetVersion,
        reason,
        state,
        total,
        done,
        failed,
        ratePerSecond,
        etaSeconds);
  }
}
