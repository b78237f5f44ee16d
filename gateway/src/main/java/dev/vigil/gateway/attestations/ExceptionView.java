package dev.vigil.gateway.attestations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An accepted-risk exception as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExceptionView(
    UUID id,
    String controlId,
    String reason,
    String acceptedBy,
    String acceptedByName,
    OffsetDateTime acceptedAt,
    OffsetDateTime expiresAt,
    OffsetDateTime revokedAt,
    String revokedBy) {

  public static ExceptionView of(RiskException e) {
    return new ExceptionView(
        e.id,
        e.controlId,
        e.reason,
        e.acceptedBy,
        e.acceptedByName,
        e.acceptedAt,
        e.expiresAt,
        e.revokedAt,
        e.revokedBy);
  }
}
