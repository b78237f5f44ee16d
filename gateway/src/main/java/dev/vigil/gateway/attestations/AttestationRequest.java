package dev.vigil.gateway.attestations;

import java.time.OffsetDateTime;

/**
 * A request to attest a control.
 *
 * @param controlId an attest or auto+attest control
 * @param note what the person checked and confirms (required, at most 2000 characters)
 * @param evidenceLink where the evidence is filed (an http or https URL), optional
 * @param expiresAt optional; defaults to the control's attestation period (90 or 365 days) and may
 *     not exceed it
 */
public record AttestationRequest(
    String controlId, String note, String evidenceLink, OffsetDateTime expiresAt) {}
