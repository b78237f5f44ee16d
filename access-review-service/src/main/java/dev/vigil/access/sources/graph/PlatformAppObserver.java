package dev.vigil.access.sources.graph;

import dev.vigil.access.sources.graph.GraphModels.Application;
import dev.vigil.access.sources.graph.GraphModels.PlatformServicePrincipal;
import dev.vigil.access.sources.graph.GraphModels.SignInEntry;
import dev.vigil.common.events.access.PlatformAppObserved;
import dev.vigil.common.events.access.PlatformAppObserved.Credential;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads the platform side of AUTH-04 from Graph: the platform's enterprise application (exists,
 * enabled, assignment required), its application object's secrets and certificates with their
 * expiry, and its newest successful sign-in of the last 30 days. Never throws: a part Graph would
 * not give is unknown with the reason, so this never fails the directory sync. Blocking.
 */
final class PlatformAppObserver {

  private static final Logger LOG = Logger.getLogger(PlatformAppObserver.class);

  /** How far back a successful sign-in counts. */
  static final Duration SIGN_IN_WINDOW = Duration.ofDays(30);

  private final GraphClient graph;

  PlatformAppObserver(GraphClient graph) {
    this.graph = graph;
  }

  PlatformAppObserved observe(String tenant, String servicePrincipalId, Instant now) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    PlatformServicePrincipal sp;
    try {
      sp =
          graph.getOne(
              "/servicePrincipals/"
                  + servicePrincipalId
                  + "?$select=id,appId,displayName,accountEnabled,appRoleAssignmentRequired",
              PlatformServicePrincipal.class);
    } catch (GraphException e) {
      if (e.status() == 404) {
        String missing = "the service principal does not exist in the tenant";
        return new PlatformAppObserved(
            tenant,
            servicePrincipalId,
            at,
            false,
            null,
            null,
            null,
            null,
            null,
            null,
            missing,
            null,
            missing);
      }
      String reason = "the service principal could not be read: " + e.getMessage();
      LOG.warnf("AUTH-04 platform side: %s", reason);
      return unreadable(tenant, servicePrincipalId, at, reason);
    }
    if (sp.appId() == null
        || sp.accountEnabled() == null
        || sp.appRoleAssignmentRequired() == null) {
      return unreadable(
          tenant,
          servicePrincipalId,
          at,
          "Graph left out appId, accountEnabled or appRoleAssignmentRequired");
    }
    Credentials credentials = credentials(sp.appId());
    SignIns signIns = signIns(sp.appId(), now);
    return new PlatformAppObserved(
        tenant,
        servicePrincipalId,
        at,
        true,
        null,
        sp.appId(),
        sp.displayName(),
        sp.accountEnabled(),
        sp.appRoleAssignmentRequired(),
        signIns.last(),
        signIns.unknownReason(),
        credentials.list(),
        credentials.unknownReason());
  }

  /** Nothing known about the application, for one reason. */
  private static PlatformAppObserved unreadable(
      String tenant, String servicePrincipalId, OffsetDateTime at, String reason) {
    return new PlatformAppObserved(
        tenant,
        servicePrincipalId,
        at,
        null,
        reason,
        null,
        null,
        null,
        null,
        null,
        reason,
        null,
        reason);
  }

  private record Credentials(List<Credential> list, String unknownReason) {}

  private Credentials credentials(String appId) {
    Application app;
    try {
      app =
          graph.getOne(
              "/applications(appId='"
                  + appId
                  + "')?$select=id,appId,displayName,passwordCredentials,keyCredentials",
              Application.class);
    } catch (GraphException e) {
      String why =
          e.status() == 403
              ? " (Application.Read.All not granted)"
              : e.status() == 404 ? " (the app registration is not in this tenant)" : "";
      return new Credentials(
          null, "the application object could not be read: " + e.getMessage() + why);
    }
    List<Credential> list = new ArrayList<>();
    try {
      add(list, app.passwordCredentials(), Credential.SECRET);
      add(list, app.keyCredentials(), Credential.CERTIFICATE);
    } catch (RuntimeException e) {
      return new Credentials(null, "a credential came without keyId or endDateTime");
    }
    return new Credentials(list, null);
  }

  private static void add(List<Credential> list, List<GraphModels.Credential> read, String type) {
    if (read == null) {
      return;
    }
    for (GraphModels.Credential c : read) {
      list.add(
          new Credential(c.keyId(), c.displayName(), type, c.startDateTime(), c.endDateTime()));
    }
  }

  private record SignIns(OffsetDateTime last, String unknownReason) {}

  private SignIns signIns(String appId, Instant now) {
    String since =
        DateTimeFormatter.ISO_INSTANT.format(
            now.minus(SIGN_IN_WINDOW).truncatedTo(ChronoUnit.SECONDS));
    String filter =
        "appId eq '" + appId + "' and status/errorCode eq 0 and createdDateTime ge " + since;
    try {
      // Graph lists sign-ins newest first: one is enough.
      List<SignInEntry> newest =
          graph.firstPage(
              "/auditLogs/signIns?$filter=" + encode(filter) + "&$top=1&$select=id,createdDateTime",
              SignInEntry.class);
      return new SignIns(
          newest.isEmpty() || newest.get(0).createdDateTime() == null
              ? null
              : newest.get(0).createdDateTime(),
          null);
    } catch (GraphException e) {
      String why = e.status() == 403 ? " (needs Entra ID P1 and AuditLog.Read.All)" : "";
      return new SignIns(null, "sign-ins could not be read: " + e.getMessage() + why);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
