package dev.vigil.backups.targets;

/**
 * A check run against every restored copy of a target, for example "at least one owner account":
 * {@code sql} returns one row with one column, whose text must equal {@code expected}.
 *
 * @param name what the check proves, shown in results
 * @param sql a read-only query
 * @param expected the first column of its first row, as text
 */
public record ValidationCheck(String name, String sql, String expected) {}
