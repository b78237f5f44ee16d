package dev.vigil.access.sources.graph;

import dev.vigil.access.AccessConfig;
import dev.vigil.access.snapshot.Account;
import dev.vigil.access.snapshot.SignIn;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.snapshot.SourceSnapshot;
import dev.vigil.access.sources.graph.GraphModels.AppRole;
import dev.vigil.access.sources.graph.GraphModels.AppRoleAssignment;
import dev.vigil.access.sources.graph.GraphModels.ConditionalAccessPolicy;
import dev.vigil.access.sources.graph.GraphModels.DirectoryObject;
import dev.vigil.access.sources.graph.GraphModels.RegistrationDetail;
import dev.vigil.access.sources.graph.GraphModels.ServicePrincipal;
import dev.vigil.access.sources.graph.GraphModels.User;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads one complete snapshot of the platform's members from Entra ID: the users assigned to the
 * platform's enterprise application (directly or through groups, resolved transitively) with their
 * app roles, sign-in activity, manager, MFA registration and whether an enabled Conditional Access
 * policy enforces MFA on them for the platform. Blocking; any failure throws before anything is
 * stored.
 */
final class EntraReader {

  /** The app role id Graph uses for "default access" (an assignment without a named role). */
  static final String DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";

  private static final String USER_FIELDS =
      "id,displayName,userPrincipalName,accountEnabled,userType,createdDateTime";

  private final GraphClient graph;
  private final AccessConfig.Graph config;

  EntraReader(GraphClient graph, AccessConfig.Graph config) {
    this.graph = graph;
    this.config = config;
  }

  SourceSnapshot read(String sourceName, Instant now) {
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
    Map<String, Set<String>> roles = assignedRoles(spId, roleNames(sp));
    Map<String, Boolean> registered = new HashMap<>();
    graph.forEach(
        "/reports/authenticationMethods/userRegistrationDetails?$select=id,isMfaRegistered",
        RegistrationDetail.class,
        d -> registered.put(d.id(), d.isMfaRegistered()));
    List<ConditionalAccessPolicy> policies = new ArrayList<>();
    graph.forEach(
        "/identity/conditionalAccess/policies", ConditionalAccessPolicy.class, policies::add);
    MfaPolicies mfa = new MfaPolicies(policies, sp.appId(), this::groupMembers);

    boolean signInAvailable = true;
    List<User> users = new ArrayList<>();
    try {
      graph.forEach(usersPath(true), User.class, users::add);
    } catch (GraphException e) {
      if (e.status() != 403) {
        throw e;
      }
      // signInActivity needs Entra ID P1; without it Graph refuses the whole request.
      signInAvailable = false;
      users.clear();
      graph.forEach(usersPath(false), User.class, users::add);
    }
    List<Account> accounts = new ArrayList<>();
    for (User user : users) {
      Set<String> userRoles = roles.get(user.id());
      if (userRoles == null) {
        continue;
      }
      MfaPolicies.Enforcement enforcement = mfa.enforcement(user.id());
      accounts.add(
          new Account(
              user.id(),
              user.userPrincipalName() != null ? user.userPrincipalName() : user.displayName(),
              user.userType(),
              !Boolean.FALSE.equals(user.accountEnabled()),
              user.createdDateTime() == null ? null : user.createdDateTime().toInstant(),
              signInAvailable ? signIn(user) : SignIn.UNKNOWN,
              List.copyOf(userRoles),
              List.of(),
              registered.get(user.id()),
              enforcement.enforced(),
              enforcement.policy(),
              user.manager() == null ? null : user.manager().id()));
    }
    return new SourceSnapshot(
        sourceName, SourceKind.ENTRA, now, signInAvailable, accounts, List.of(), null);
  }

  private String usersPath(boolean withSignIn) {
    return "/users?$select="
        + USER_FIELDS
        + (withSignIn ? ",signInActivity" : "")
        + "&$expand=manager($select=id)&$top="
        + config.pageSize();
  }

  private static SignIn signIn(User user) {
    if (user.signInActivity() == null) {
      return SignIn.NEVER;
    }
    OffsetDateTime interactive = user.signInActivity().lastSignInDateTime();
    OffsetDateTime other = user.signInActivity().lastNonInteractiveSignInDateTime();
    OffsetDateTime latest =
        interactive == null
            ? other
            : other == null || interactive.isAfter(other) ? interactive : other;
    return SignIn.at(latest == null ? null : latest.toInstant());
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

  /** User id to app role names, with group assignments resolved to their transitive members. */
  private Map<String, Set<String>> assignedRoles(String spId, Map<String, String> roleNames) {
    Map<String, Set<String>> roles = new TreeMap<>();
    graph.forEach(
        "/servicePrincipals/" + spId + "/appRoleAssignedTo?$top=" + config.pageSize(),
        AppRoleAssignment.class,
        assignment -> {
          String role = roleNames.getOrDefault(assignment.appRoleId(), assignment.appRoleId());
          if ("User".equals(assignment.principalType())) {
            roles.computeIfAbsent(assignment.principalId(), id -> new TreeSet<>()).add(role);
          } else if ("Group".equals(assignment.principalType())) {
            for (String member : groupMembers(assignment.principalId())) {
              roles.computeIfAbsent(member, id -> new TreeSet<>()).add(role);
            }
          }
        });
    return roles;
  }

  private final Map<String, Set<String>> groupCache = new HashMap<>();

  /** The users in a group, through nested groups too. */
  Set<String> groupMembers(String groupId) {
    return groupCache.computeIfAbsent(
        groupId,
        id -> {
          Set<String> members = new TreeSet<>();
          graph.forEach(
              "/groups/"
                  + id
                  + "/transitiveMembers/microsoft.graph.user?$select=id&$top="
                  + config.pageSize(),
              DirectoryObject.class,
              user -> members.add(user.id()));
          return members;
        });
  }
}
