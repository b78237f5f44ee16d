package dev.vigil.access.sources.graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The JDBC side of one Entra ID sync, all on one connection inside one transaction: Graph pages go
 * in as they arrive (assignments and MFA registrations into temporary tables, users into {@code
 * access_directory_user}), and the new snapshot is built from them in SQL. Nothing is visible to
 * readers before the commit, and a rollback leaves the previous snapshot, directory and delta link
 * whole.
 */
final class DirectoryStore {

  /** Where the last sync left the users/delta read of a source. */
  record DeltaState(String deltaLink, Instant fullSyncAt, boolean signInActivityAvailable) {}

  /** A directory user as a page reports it. */
  record UserRow(
      String id,
      String displayName,
      String userType,
      Boolean enabled,
      Instant createdAt,
      Instant lastSignInAt,
      boolean signInKnown,
      String managerId) {}

  private final Connection db;

  DirectoryStore(Connection db) {
    this.db = db;
  }

  /** Takes the sync's advisory lock for this transaction; false when another sync holds it. */
  boolean lock(long key) throws SQLException {
    try (PreparedStatement s = db.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      s.setLong(1, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  void createWorkTables() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE sync_assignment (principal_id text NOT NULL, role text NOT NULL)"
              + " ON COMMIT DROP");
      s.execute(
          "CREATE TEMP TABLE sync_registration (id text PRIMARY KEY, registered boolean)"
              + " ON COMMIT DROP");
    }
  }

  /** Role grants of one page: principal ids with their role names. */
  void addAssignments(List<String[]> principalAndRole) throws SQLException {
    batch(
        "INSERT INTO sync_assignment (principal_id, role) VALUES (?, ?)",
        principalAndRole,
        (s, row) -> {
          s.setString(1, row[0]);
          s.setString(2, row[1]);
        });
  }

  void addRegistrations(List<GraphModels.RegistrationDetail> page) throws SQLException {
    batch(
        "INSERT INTO sync_registration (id, registered) VALUES (?, ?) ON CONFLICT (id) DO UPDATE"
            + " SET registered = EXCLUDED.registered",
        page,
        (s, d) -> {
          s.setString(1, d.id());
          setBoolean(s, 2, d.isMfaRegistered());
        });
  }

  DeltaState deltaState(long sourceId) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT delta_link, full_sync_at, sign_in_activity_available FROM access_graph_delta"
                + " WHERE source_id = ?")) {
      s.setLong(1, sourceId);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? new DeltaState(r.getString(1), r.getTimestamp(2).toInstant(), r.getBoolean(3))
            : null;
      }
    }
  }

  void saveDeltaState(long sourceId, DeltaState state) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO access_graph_delta (source_id, delta_link, full_sync_at,"
                + " sign_in_activity_available) VALUES (?, ?, ?, ?) ON CONFLICT (source_id) DO"
                + " UPDATE SET delta_link = EXCLUDED.delta_link, full_sync_at ="
                + " EXCLUDED.full_sync_at, sign_in_activity_available ="
                + " EXCLUDED.sign_in_activity_available")) {
      s.setLong(1, sourceId);
      s.setString(2, state.deltaLink());
      s.setTimestamp(3, Timestamp.from(state.fullSyncAt()));
      s.setBoolean(4, state.signInActivityAvailable());
      s.executeUpdate();
    }
  }

  /** Forgets the directory before a full read. */
  void clearUsers(long sourceId) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement("DELETE FROM access_directory_user WHERE source_id = ?")) {
      s.setLong(1, sourceId);
      s.executeUpdate();
    }
  }

  /** Adds or replaces whole users (a full read). */
  void putUsers(long sourceId, List<UserRow> page) throws SQLException {
    batch(
        "INSERT INTO access_directory_user (source_id, id, display_name, user_type, enabled,"
            + " created_at, last_sign_in_at, sign_in_known, manager_id) VALUES (?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?) ON CONFLICT (source_id, id) DO UPDATE SET display_name ="
            + " EXCLUDED.display_name, user_type = EXCLUDED.user_type, enabled = EXCLUDED.enabled,"
            + " created_at = EXCLUDED.created_at, last_sign_in_at = EXCLUDED.last_sign_in_at,"
            + " sign_in_known = EXCLUDED.sign_in_known, manager_id = EXCLUDED.manager_id",
        page,
        (s, u) -> {
          s.setLong(1, sourceId);
          s.setString(2, u.id());
          s.setString(3, u.displayName());
          s.setString(4, u.userType());
          s.setBoolean(5, !Boolean.FALSE.equals(u.enabled()));
          s.setTimestamp(6, timestamp(u.createdAt()));
          s.setTimestamp(7, timestamp(u.lastSignInAt()));
          s.setBoolean(8, u.signInKnown());
          s.setString(9, u.managerId());
        });
  }

  /**
   * Applies delta changes: users Graph reports changed get the fields it reported (a field it left
   * out or null keeps its value; sign-in activity, which users/delta does not carry, is kept, and
   * starts unknown for a new user), removed users are deleted.
   */
  void applyDelta(long sourceId, List<UserRow> changed, List<String> removed) throws SQLException {
    batch(
        "INSERT INTO access_directory_user AS d (source_id, id, display_name, user_type, enabled,"
            + " created_at, last_sign_in_at, sign_in_known, manager_id) VALUES (?, ?, ?, ?,"
            + " COALESCE(?::boolean, true), ?, NULL, false, ?) ON CONFLICT (source_id, id) DO"
            + " UPDATE SET display_name = COALESCE(EXCLUDED.display_name, d.display_name),"
            + " user_type = COALESCE(EXCLUDED.user_type, d.user_type), enabled = COALESCE(?,"
            + " d.enabled), created_at = COALESCE(EXCLUDED.created_at, d.created_at), manager_id"
            + " = COALESCE(EXCLUDED.manager_id, d.manager_id)",
        changed,
        (s, u) -> {
          s.setLong(1, sourceId);
          s.setString(2, u.id());
          s.setString(3, u.displayName());
          s.setString(4, u.userType());
          setBoolean(s, 5, u.enabled());
          s.setTimestamp(6, timestamp(u.createdAt()));
          s.setString(7, u.managerId());
          setBoolean(s, 8, u.enabled());
        });
    batch(
        "DELETE FROM access_directory_user WHERE source_id = ? AND id = ?",
        removed,
        (s, id) -> {
          s.setLong(1, sourceId);
          s.setString(2, id);
        });
  }

  private static void setBoolean(PreparedStatement s, int index, Boolean value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BOOLEAN);
    } else {
      s.setBoolean(index, value);
    }
  }

  /**
   * Supersedes the source's current snapshot with one built from the directory: every user holding
   * an app role assignment, with its roles and MFA registration. Returns the snapshot id.
   */
  long writeSnapshot(
      long sourceId, Instant takenAt, boolean signInActivityAvailable, Boolean mfaEnforced)
      throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "UPDATE access_snapshot SET state = 'SUPERSEDED' WHERE source_id = ? AND state ="
                + " 'CURRENT'")) {
      s.setLong(1, sourceId);
      s.executeUpdate();
    }
    long snapshotId;
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO access_snapshot (source_id, state, taken_at, sign_in_activity_available,"
                + " account_count, api_key_count) VALUES (?, 'CURRENT', ?, ?, 0, 0) RETURNING id")) {
      s.setLong(1, sourceId);
      s.setTimestamp(2, Timestamp.from(takenAt));
      s.setBoolean(3, signInActivityAvailable);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        snapshotId = r.getLong(1);
      }
    }
    int accounts;
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO access_account (snapshot_id, external_id, display_name, user_type,"
                + " enabled, created_at, last_sign_in_at, sign_in_known, roles, organizations,"
                + " mfa_registered, mfa_enforced, mfa_policy, manager_id) SELECT ?, u.id,"
                + " u.display_name, u.user_type, u.enabled, u.created_at,"
                + " CASE WHEN ? THEN u.last_sign_in_at END, ? AND u.sign_in_known, r.roles, '[]',"
                + " g.registered, ?, NULL, u.manager_id FROM access_directory_user u JOIN (SELECT"
                + " principal_id, json_agg(DISTINCT role ORDER BY role)::text AS roles FROM"
                + " sync_assignment GROUP BY principal_id) r ON r.principal_id = u.id LEFT JOIN"
                + " sync_registration g ON g.id = u.id WHERE u.source_id = ?")) {
      s.setLong(1, snapshotId);
      s.setBoolean(2, signInActivityAvailable);
      s.setBoolean(3, signInActivityAvailable);
      setBoolean(s, 4, mfaEnforced);
      s.setLong(5, sourceId);
      accounts = s.executeUpdate();
    }
    try (PreparedStatement s =
        db.prepareStatement("UPDATE access_snapshot SET account_count = ? WHERE id = ?")) {
      s.setInt(1, accounts);
      s.setLong(2, snapshotId);
      s.executeUpdate();
    }
    return snapshotId;
  }

  /** The result of an MFA enforcement check for one account. */
  record Enforced(Boolean enforced, String policy) {}

  /**
   * Sets MFA enforcement account by account, a page of accounts at a time, for when Conditional
   * Access policies decide it per user.
   */
  void setEnforcement(long snapshotId, int pageSize, Function<String, Enforced> enforcement)
      throws SQLException {
    long after = 0;
    while (true) {
      List<long[]> ids = new ArrayList<>();
      List<String> externalIds = new ArrayList<>();
      try (PreparedStatement s =
          db.prepareStatement(
              "SELECT id, external_id FROM access_account WHERE snapshot_id = ? AND id > ? ORDER"
                  + " BY id LIMIT ?")) {
        s.setLong(1, snapshotId);
        s.setLong(2, after);
        s.setInt(3, pageSize);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            ids.add(new long[] {r.getLong(1)});
            externalIds.add(r.getString(2));
          }
        }
      }
      if (ids.isEmpty()) {
        return;
      }
      try (PreparedStatement s =
          db.prepareStatement(
              "UPDATE access_account SET mfa_enforced = ?, mfa_policy = ? WHERE id = ?")) {
        for (int i = 0; i < ids.size(); i++) {
          Enforced e = enforcement.apply(externalIds.get(i));
          setBoolean(s, 1, e.enforced());
          s.setString(2, e.policy());
          s.setLong(3, ids.get(i)[0]);
          s.addBatch();
        }
        s.executeBatch();
      }
      after = ids.get(ids.size() - 1)[0];
    }
  }

  private interface Binder<T> {
    void bind(PreparedStatement s, T row) throws SQLException;
  }

  private <T> void batch(String sql, List<T> rows, Binder<T> binder) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (T row : rows) {
        binder.bind(s, row);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
