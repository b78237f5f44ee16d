package dev.vigil.backups.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@link Manifest} over a connection, in whatever transaction and snapshot it is in. */
public final class ManifestReader {

  private static final String USER_NAMESPACE =
      "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
          + " AND n.nspname NOT LIKE 'pg_temp%'";

  private static final String NOT_FROM_EXTENSION =
      "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype = 'e')";

  private static final String TABLES =
      "SELECT n.nspname, c.relname, pg_total_relation_size(c.oid), c.reltuples::bigint"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind = 'r' AND "
          + USER_NAMESPACE
          + " AND "
          + NOT_FROM_EXTENSION.formatted("c.oid")
          + " ORDER BY 1, 2";

  private static final Map<String, String> OBJECT_COUNTS = objectCounts();

  private ManifestReader() {}

  private static Map<String, String> objectCounts() {
    Map<String, String> counts = new LinkedHashMap<>();
    counts.put(
        "schemas",
        "SELECT count(*) FROM pg_namespace n WHERE "
            + USER_NAMESPACE
            + " AND n.nspname <> 'public' AND "
            + NOT_FROM_EXTENSION.formatted("n.oid"));
    counts.put("tables", relations("r"));
    counts.put("partitionedTables", relations("p"));
    counts.put("views", relations("v"));
    counts.put("materializedViews", relations("m"));
    counts.put("sequences", relations("S"));
    counts.put("indexes", relations("i"));
    counts.put(
        "functions",
        "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE "
            + USER_NAMESPACE
            + " AND "
            + NOT_FROM_EXTENSION.formatted("p.oid"));
    counts.put(
        "triggers",
        "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND "
            + USER_NAMESPACE);
    counts.put(
        "constraints",
        "SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace"
            + " WHERE "
            + USER_NAMESPACE);
    counts.put("extensions", "SELECT count(*) FROM pg_extension");
    return counts;
  }

  private static String relations(String relkind) {
    return "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE c.relkind = '"
        + relkind
        + "' AND "
        + USER_NAMESPACE
        + " AND "
        + NOT_FROM_EXTENSION.formatted("c.oid");
  }

  /**
   * @param exactCountMaxBytes tables larger than this get the planner's estimate
   */
  public static Manifest read(Connection connection, long exactCountMaxBytes) throws SQLException {
    int versionNum;
    String version;
    java.time.OffsetDateTime snapshotAt;
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('server_version_num')::int,"
                    + " current_setting('server_version'), now()")) {
      rs.next();
      versionNum = rs.getInt(1);
      version = rs.getString(2);
      snapshotAt = rs.getObject(3, java.time.OffsetDateTime.class);
    }
    List<Manifest.TableCount> tables = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(TABLES)) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String name = rs.getString(2);
        long bytes = rs.getLong(3);
        long estimate = Math.max(0, rs.getLong(4));
        tables.add(
            bytes > exactCountMaxBytes
                ? new Manifest.TableCount(schema, name, estimate, false)
                : new Manifest.TableCount(schema, name, -1, true));
      }
    }
    List<Manifest.TableCount> counted = new ArrayList<>(tables.size());
    for (Manifest.TableCount table : tables) {
      counted.add(
          table.exact()
              ? new Manifest.TableCount(
                  table.schema(), table.name(), exactCount(connection, table), true)
              : table);
    }
    Map<String, Long> objects = new LinkedHashMap<>();
    for (Map.Entry<String, String> count : OBJECT_COUNTS.entrySet()) {
      try (PreparedStatement s = connection.prepareStatement(count.getValue());
          ResultSet rs = s.executeQuery()) {
        rs.next();
        objects.put(count.getKey(), rs.getLong(1));
      }
    }
    return new Manifest(versionNum, version, snapshotAt, List.copyOf(counted), objects);
  }

  private static long exactCount(Connection connection, Manifest.TableCount table)
      throws SQLException {
    String sql = "SELECT count(*) FROM " + quote(table.schema()) + "." + quote(table.name());
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
