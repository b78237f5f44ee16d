package dev.vigil.backups.controls;

import java.time.OffsetDateTime;

/** One backup control, evaluated against a snapshot of the catalogue. */
public interface BackupRule {

  /** The control ID this rule evaluates, e.g. {@code DB-03}. */
  String control();

  /**
   * Checks the snapshot.
   *
   * @param now the evaluation time, for ages and missed schedules
   */
  RuleOutcome check(CatalogueSnapshot snapshot, OffsetDateTime now);
}
