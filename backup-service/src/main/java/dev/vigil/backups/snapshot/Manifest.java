package dev.vigil.backups.snapshot;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a database held at the backup's snapshot, recorded in the same snapshot as the dump, so a
 * restore can be proved table by table.
 *
 * @param serverVersionNum e.g. 150020
 * @param serverVersion e.g. {@code 15.20 (Debian 15.20-0+deb12u1)}
 * @param snapshotAt the snapshot's transaction time: the age of the data a restore brings back
 * @param tables every user table with its row count
 * @param objects counts of schema objects by kind (schemas, tables, views, indexes...)
 */
public record Manifest(
    int serverVersionNum,
    String serverVersion,
    OffsetDateTime snapshotAt,
    List<TableCount> tables,
    Map<String, Long> objects) {

  /**
   * @param exact false when the count is the planner's estimate (a table above the configured size)
   */
  public record TableCount(String schema, String name, long rows, boolean exact) {

    public String qualifiedName() {
      return schema + "." + name;
    }
  }
}
