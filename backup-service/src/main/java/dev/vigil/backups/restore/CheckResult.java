package dev.vigil.backups.restore;

/**
 * The outcome of one of a target's validation checks against a restored copy.
 *
 * @param actual the first column of the first row, as text; null when the query failed
 * @param error why the query failed (SQLSTATE), when it did
 */
public record CheckResult(
    String name, String expected, String actual, boolean passed, String error) {}
