package dev.vigil.access.sources.graph;

import dev.vigil.access.AccessConfig;
import dev.vigil.access.sources.graph.DirectoryStore.DeltaState;
import dev.vigil.access.sources.graph.DirectoryStore.UserRow;
import dev.vigil.access.sources.graph.GraphModels.AppRole;
import dev.vigil.access.sources.graph.GraphModels.AppRoleAssignment;
import dev.vigil.access.sources.graph.GraphModels.ConditionalAccessPolicy;
import dev.vigil.access.sources.graph.GraphModels.DirectoryObject;
import dev.vigil.access.sources.graph.GraphModels.RegistrationDetail;
import dev.vigil.access.sources.graph.GraphModels.ServicePrincipal;
import dev.vigil.access.sources.graph.GraphModels.User;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reads the platform's members from Entra ID into the sync's transaction, page by page: the users
 * assigned to the platform's enterprise application (directly or through groups, resolved
 * transitively) with their app roles, sign-in activity, manager, MFA registration and whether an
 * enabled Conditional Access policy enforces MFA on them for the platform. Users are read in full,
 * or as the changes since the stored delta link. Blocking; any failure throws and the caller rolls
 * the transaction back.
 */
final class EntraReader {

  private static final Logger LOG = Logger.getLogger(EntraReader.class);

  /** The app role id Graph uses for "default access" (an assignment without a named role). */
  static final String DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";

  private static final String USER_FIELDS =
      "id,displayName,userPrincipalName,accountEnabled,userType,createdDateTime";

  /** How the users were read. */
  enum Mode {
    FULL,
    DELTA
  }

  /** What a sync wrote. */
  record Result(long snapshotId, Mode mode, boolean signInActivityAvailable) {}

  private final GraphClient graph;
  private final AccessConfig.Graph config;
  private final DirectoryStore store;

  EntraReader(GraphClient graph, AccessConfig.Graph config, DirectoryStore store) {
    this.graph = graph;
    this.config = config;
    this.store = store;
  }

  Result sync(long sourceId, Instant now) throws SQLException {
    String spId =
        config
            .platformServicePrincipalId()
            .orElseThrow(
                () ->
                    new GraphException(
                        "vigil.access.graph.platform-service-principal-id is not set", 0));
    ServicePrincipal sp =
        graph.getOne(
            "/servicePrincipals/" + spId + "?$select=id,appId,appRoles", ServicePrincipal.class);
    store.createWorkTables();
    readAssignments(spId, roleNames(sp));
    graph.forEachPage(
        "/reports/authenticationMethods/userRegistrationDetails?$select=id,isMfaRegistered",
        RegistrationDetail.class,
        sql(store::addRegistrations));
    List<ConditionalAccessPolicy> policies = new ArrayList<>();
    graph.forEach(
        "/identity/conditionalAccess/policies", ConditionalAccessPolicy.class, policies::add);
    MfaPolicies mfa = new MfaPolicies(policies, sp.appId(), this::groupMembers);

    DeltaState previous = store.deltaState(sourceId);
    DeltaState next = readUsers(sourceId, previous, now);
    store.saveDeltaState(sourceId, next);
    Mode mode = next.fullSyncAt().equals(now) ? Mode.FULL : Mode.DELTA;

    long snapshotId =
        store.writeSnapshot(
            sourceId, now, next.signInActivityAvailable(), mfa.decidesPerUser() ? null : false);
    if (mfa.decidesPerUser()) {
      store.setEnforcement(
          snapshotId,
          config.pageSize(),
          id -> {
            MfaPolicies.Enforcement e = mfa.enforcement(id);
            return new DirectoryStore.Enforced(e.enforced(), e.policy());
          });
    }
    return new Result(snapshotId, mode, next.signInActivityAvailable());
  }

  private DeltaState readUsers(long sourceId, DeltaState previous, Instant now)
      throws SQLException {
    boolean deltaDue =
        config.delta()
            && previous != null
            && previous.deltaLink() != null
            && previous.fullSyncAt().plus(config.fullSyncInterval()).isAfter(now);
    if (deltaDue) {
      try {
        String link =
            graph.forEachPageFrom(
                previous.deltaLink(), User.class, sql(page -> applyDelta(sourceId, page)));
        if (link != null) {
          return new DeltaState(link, previous.fullSyncAt(), previous.signInActivityAvailable());
        }
        LOG.warnf("users/delta of source %d ended without a delta link; reading in full", sourceId);
      } catch (GraphException e) {
        // 410 Gone (resync required) or 400 (token expired or invalid): start over in full. The
        // full read below clears whatever this delta had applied.
        if (e.status() != 410 && e.status() != 400) {
          throw e;
        }
        LOG.infof("users/delta of source %d answered %d; reading in full", sourceId, e.status());
      }
    }
    // Taken before the full read, so changes made during it come with the next delta.
    String link = config.delta() ? latestDeltaLink(sourceId) : null;
    store.clearUsers(sourceId);
    boolean signInAvailable = true;
    try {
      graph.forEachPage(usersPath(true), User.class, sql(page -> putUsers(sourceId, page, true)));
    } catch (GraphException e) {
      if (e.status() != 403) {
        throw e;
      }
      // signInActivity needs Entra ID P1; without it Graph refuses the whole request.
      signInAvailable = false;
      store.clearUsers(sourceId);
      graph.forEachPage(usersPath(false), User.class, sql(page -> putUsers(sourceId, page, false)));
    }
    return new DeltaState(link, now, signInAvailable);
  }

  /** A delta link from now on, without reading the users twice; null when Graph gives none. */
  private String latestDeltaLink(long sourceId) {
    try {
      return graph.forEachPage(
          "/users/delta?$deltatoken=latest&$select=" + USER_FIELDS + "&$expand=manager($select=id)",
          User.class,
          page -> {});
    } catch (GraphException e) {
      // The snapshot does not depend on it: without a link the next sync reads in full again.
      LOG.warnf(
          "no users/delta link for source %d (%s); the next sync reads in full",
          sourceId, e.getMessage());
      return null;
    }
  }

  private void putUsers(long sourceId, List<User> page, boolean withSignIn) throws SQLException {
    List<UserRow> rows = new ArrayList<>(page.size());
    for (User user : page) {
      rows.add(row(user, withSignIn));
    }
    store.putUsers(sourceId, rows);
  }

  private void applyDelta(long sourceId, List<User> page) throws SQLException {
    List<UserRow> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (User user : page) {
      if (user.removed() != null) {
        removed.add(user.id());
      } else {
        changed.add(row(user, false));
      }
    }
    store.applyDelta(sourceId, changed, removed);
  }

  private static UserRow row(User user, boolean withSignIn) {
    Instant lastSignIn = withSignIn ? lastSignIn(user) : null;
    return new UserRow(
        user.id(),
        user.userPrincipalName() != null ? user.userPrincipalName() : user.displayName(),
        user.userType(),
        user.accountEnabled(),
        user.createdDateTime() == null ? null : user.createdDateTime().toInstant(),
        lastSignIn,
        withSignIn,
        user.manager() == null ? null : user.manager().id());
  }

  private String usersPath(boolean withSignIn) {
    return "/users?$select="
        + USER_FIELDS
        + (withSignIn ? ",signInActivity" : "")
        + "&$expand=manager($select=id)&$top="
        + config.pageSize();
  }

  private static Instant lastSignIn(User user) {
    if (user.signInActivity() == null) {
      return null;
    }
    OffsetDateTime interactive = user.signInActivity().lastSignInDateTime();
    OffsetDateTime other = user.signInActivity().lastNonInteractiveSignInDateTime();
    OffsetDateTime latest =
        interactive == null
            ? other
            : other == null || interactive.isAfter(other) ? interactive : other;
    return latest == null ? null : latest.toInstant();
  }

  private static Map<String, String> roleNames(ServicePrincipal sp) {
    Map<String, String> names = new HashMap<>();
    names.put(DEFAULT_ACCESS, "default");
    if (sp.appRoles() != null) {
      for (AppRole role : sp.appRoles()) {
        names.put(role.id(), role.value());
      }
    }
    return names;
  }

  /**
   * App role grants, page by page into the sync's work table; a group assignment is written as one
   * grant per transitive member, a page of members at a time.
   */
  private void readAssignments(String spId, Map<String, String> roleNames) {
    graph.forEachPage(
        "/servicePrincipals/" + spId + "/appRoleAssignedTo?$top=" + config.pageSize(),
        AppRoleAssignment.class,
        sql(
            page -> {
              List<String[]> grants = new ArrayList<>();
              for (AppRoleAssignment assignment : page) {
                String role =
                    roleNames.getOrDefault(assignment.appRoleId(), assignment.appRoleId());
                if ("User".equals(assignment.principalType())) {
                  grants.add(new String[] {assignment.principalId(), role});
                } else if ("Group".equals(assignment.principalType())) {
                  graph.forEachPage(
                      groupMembersPath(assignment.principalId()),
                      DirectoryObject.class,
                      sql(
                          members -> {
                            List<String[]> memberGrants = new ArrayList<>(members.size());
                            members.forEach(m -> memberGrants.add(new String[] {m.id(), role}));
                            store.addAssignments(memberGrants);
                          }));
                }
              }
              store.addAssignments(grants);
            }));
  }

  private final Map<String, Set<String>> groupCache = new HashMap<>();

  /**
   * The users in a group named by a Conditional Access policy, through nested groups too. Held in
   * memory for the sync: policies name few groups, usually small ones.
   */
  Set<String> groupMembers(String groupId) {
    return groupCache.computeIfAbsent(
        groupId,
        id -> {
          Set<String> members = new TreeSet<>();
          graph.forEach(
              groupMembersPath(id), DirectoryObject.class, user -> members.add(user.id()));
          return members;
        });
  }

  private String groupMembersPath(String groupId) {
    return "/groups/"
        + groupId
        + "/transitiveMembers/microsoft.graph.user?$select=id&$top="
        + config.pageSize();
  }

  /** A page step that writes to the database. */
  private interface SqlStep<T> {
    void accept(T value) throws SQLException;
  }

  private static <T> Consumer<T> sql(SqlStep<T> step) {
    return value -> {
      try {
        step.accept(value);
      } catch (SQLException e) {
        throw new SyncStoreException(e);
      }
    };
  }

  /** A database failure while writing a page; the sync's transaction is rolled back. */
  static final class SyncStoreException extends RuntimeException {
    SyncStoreException(SQLException cause) {
      super("the snapshot could not be written: SQL state " + cause.getSQLState(), cause);
    }
  }
}
