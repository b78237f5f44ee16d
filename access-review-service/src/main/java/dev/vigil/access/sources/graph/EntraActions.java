package dev.vigil.access.sources.graph;

import dev.vigil.access.AccessConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes access in Entra ID through Graph: revoke sign-in sessions, disable the account, remove
 * the user's direct app role assignments to the platform. Blocking: call through {@code
 * Workers.offload}. Needs the write permissions listed in docs/access-reviews.md.
 */
@ApplicationScoped
public class EntraActions {

  private final AccessConfig config;

  EntraActions(AccessConfig config) {
    this.config = config;
  }

  /** Invalidates refresh tokens and session cookies of the user. */
  public String revokeSessions(String userId) {
    client().write("POST", "/users/" + id(userId) + "/revokeSignInSessions", null);
    return "sign-in sessions revoked";
  }

  /** Sets accountEnabled=false. */
  public String disable(String userId) {
    client().write("PATCH", "/users/" + id(userId), "{\"accountEnabled\":false}");
    return "account disabled";
  }

  /**
   * Deletes the user's direct assignments to the platform's service principal. Assignments through
   * groups stay: the group's membership is the group owner's to change, and the result says so.
   */
  public String removeRoles(String userId) {
    GraphClient graph = client();
    String sp =
        config
            .graph()
            .platformServicePrincipalId()
            .orElseThrow(
                () ->
                    new GraphException(
                        "vigil.access.graph.platform-service-principal-id is not set", 0));
    List<String> assignments = new ArrayList<>();
    graph.forEach(
        "/users/" + id(userId) + "/appRoleAssignments?$filter=" + encode("resourceId eq " + sp),
        GraphModels.AppRoleAssignment.class,
        a -> assignments.add(a.id()));
    for (String assignment : assignments) {
      graph.write(
          "DELETE", "/servicePrincipals/" + sp + "/appRoleAssignedTo/" + id(assignment), null);
    }
    return assignments.size() + " direct app role assignments removed";
  }

  private GraphClient client() {
    return new GraphClient(config.graph());
  }

  private static String id(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
