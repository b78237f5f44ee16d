package dev.vigil.gateway.attestations;

import java.time.OffsetDateTime;

/**
 * A request to accept the risk of an unmet control.
 *
 * @param controlId any control
 * @param reason why the risk is accepted (required, at most 2000 characters)
 * @param expiresAt required, in the future and at most a year ahead
 */
public record ExceptionRequest(String controlId, String reason, OffsetDateTime expiresAt) {}
