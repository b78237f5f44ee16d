package dev.vigil.common.events.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventData;

/**
 * The data of {@code dev.vigil.keys.reencryption-progressed.v1}: progress of the job that rewraps
 * the credential vault to a slot's newest key version. The subject is {@code <environment>/<slot>}.
 *
 * @param jobId the job's id
 * @param environment the environment's name
 * @param slot the slot's name
 * @param targetVersion the key version credentials are rewrapped to
 * @param reason {@code ROTATION}, {@code EMERGENCY} or {@code MANUAL}
 * @param state {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param total credentials to rewrap
 * @param done credentials rewrapped
 * @param failed credentials that could not be rewrapped (they are unchanged)
 * @param ratePerSecond credentials rewrapped per second
 * @param etaSeconds the estimated seconds left, or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReencryptionProgressed(
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
    Double etaSeconds)
    implements EventData {

  public static final String TYPE = "dev.vigil.keys.reencryption-progressed.v1";
}
