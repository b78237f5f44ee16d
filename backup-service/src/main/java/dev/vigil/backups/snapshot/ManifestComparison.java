package dev.vigil.backups.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Whether a restored database holds what the backup's manifest says it should. */
public final class ManifestComparison {

  /** Estimated counts may differ from the exact restored count by this share, or 1,000 rows. */
  static final double ESTIMATE_TOLERANCE = 0.10;

  private ManifestComparison() {}

  /**
   * @return one sentence per difference, naming the table or object kind; empty when equal
   */
  public static List<String> differences(Manifest expected, Manifest restored) {
    List<String> differences = new ArrayList<>();
    Map<String, Manifest.TableCount> actual =
        restored.tables().stream()
            .collect(Collectors.toMap(Manifest.TableCount::qualifiedName, Function.identity()));
    for (Manifest.TableCount table : expected.tables()) {
      Manifest.TableCount found = actual.remove(table.qualifiedName());
      if (found == null) {
        differences.add("table " + table.qualifiedName() + " is missing from the restore");
      } else if (!matches(table, found.rows())) {
        differences.add(
            "table "
                + table.qualifiedName()
                + ": "
                + table.rows()
                + (table.exact() ? "" : " (estimated)")
                + " rows in the backup's manifest, "
                + found.rows()
                + " restored");
      }
    }
    actual.keySet().stream()
        .sorted()
        .forEach(
            name -> differences.add("table " + name + " is in the restore but not the backup"));
    expected
        .objects()
        .forEach(
            (kind, count) -> {
              Long got = restored.objects().get(kind);
              if (got == null || !got.equals(count)) {
                differences.add(
                    kind + ": " + count + " in the backup's manifest, " + got + " restored");
              }
            });
    return differences;
  }

  private static boolean matches(Manifest.TableCount expected, long restoredRows) {
    if (expected.exact()) {
      return expected.rows() == restoredRows;
    }
    long tolerance = Math.max(1_000, Math.round(expected.rows() * ESTIMATE_TOLERANCE));
    return Math.abs(expected.rows() - restoredRows) <= tolerance;
  }
}
