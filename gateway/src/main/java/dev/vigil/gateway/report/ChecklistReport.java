package dev.vigil.gateway.report;

import dev.vigil.gateway.attestations.ExceptionView;
import dev.vigil.gateway.checklist.ChecklistView;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The checklist as an auditor files it.
 *
 * @param asOf the point in time the report shows
 * @param generatedAt when it was produced
 * @param generatedBy who asked for it (object ID or client application)
 * @param checklist every control as it stood at {@code asOf}
 * @param exceptions the accepted-risk exceptions in force at {@code asOf}
 * @param digest SHA-256 of the checklist's controls and summary, so the HTML and JSON of one moment
 *     can be matched
 */
public record ChecklistReport(
    OffsetDateTime asOf,
    OffsetDateTime generatedAt,
    String generatedBy,
    ChecklistView checklist,
    List<ExceptionView> exceptions,
    String digest) {}
