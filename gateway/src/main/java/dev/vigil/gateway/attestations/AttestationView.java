package dev.vigil.gateway.attestations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An attestation as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttestationView(
    UUID id,
    String controlId,
    String attestedBy,
    String attestedByName,
    String note,
    String evidenceLink,
    OffsetDateTime attestedAt,
    OffsetDateTime expiresAt,
    OffsetDateTime revokedAt,
    String revokedBy) {

  public static AttestationView of(Attestation a) {
    return new AttestationView(
        a.id,
        a.controlId,
        a.attestedBy,
        a.attestedByName,
        a.note,
        a.evidenceLink,
        a.attestedAt,
        a.expiresAt,
        a.revokedAt,
        a.revokedBy);
  }
}
