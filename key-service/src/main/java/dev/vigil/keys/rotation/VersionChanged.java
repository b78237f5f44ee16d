package dev.vigil.keys.rotation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/** Data of {@code dev.vigil.keys.version-changed.v1}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionChanged(
    String environment,
    String slot,
    int version,
    String change,
    String state,
    Boolean emergency,
    String reason,
    String actor,
    OffsetDateTime occurredAt) {}
