package dev.vigil.access.sources.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * WireMock standing in for Microsoft Graph v1.0 and the tenant's token endpoint. Tests describe a
 * directory with the helpers below; {@link #reset()} clears it.
 */
public class GraphStub implements QuarkusTestResourceLifecycleManager {

  public static final String SP = "sp-platform";
  public static final String APP_ID = "app-platform";
  public static final String SECRET = "graph-client-secret-never-logged";
  private static WireMockServer server;

  public static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    reset();
    String base = "http://localhost:" + server.port();
    return Map.of(
        "vigil.access.graph.base-url",
        base,
        "vigil.access.graph.token-endpoint",
        base + "/tenant/oauth2/v2.0/token",
        "vigil.access.graph.client-id",
        "vigil-reader",
        "vigil.access.graph.client-secret",
        SECRET,
        "vigil.access.graph.platform-service-principal-id",
        SP,
        "vigil.access.graph.page-size",
        "2",
        "vigil.access.scim.token",
        "scim-token");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** Forgets every stub and request; keeps the token endpoint and the service principal. */
  public static void reset() {
    server.resetAll();
    server.stubFor(
        post(urlPathEqualTo("/tenant/oauth2/v2.0/token"))
            .withRequestBody(containing("grant_type=client_credentials"))
            .willReturn(okJson("{\"access_token\":\"graph-token\",\"expires_in\":3600}")));
    server.stubFor(
        graph("/servicePrincipals/" + SP)
            .willReturn(
                okJson(
                    """
                    {"id":"sp-platform","appId":"app-platform","displayName":"Tenant portal",
                     "accountEnabled":true,"appRoleAssignmentRequired":true,"appRoles":[
                      {"id":"role-admin","value":"admin"},{"id":"role-member","value":"member"}]}
                    """)));
    collection("/reports/authenticationMethods/userRegistrationDetails", List.of("[]"));
    collection("/identity/conditionalAccess/policies", List.of("[]"));
  }

  /** The platform's application object ({@code applications(appId='app-platform')}). */
  public static void application(String json) {
    server.stubFor(
        get(urlPathMatching("/v1\\.0/applications\\(appId=.*" + APP_ID + ".*\\)"))
            .withHeader("Authorization", equalTo("Bearer graph-token"))
            .withQueryParam("$select", containing("passwordCredentials"))
            .willReturn(okJson(json)));
  }

  /** A GET on a Graph v1.0 path carrying the token. */
  public static MappingBuilder graph(String path) {
    return get(urlPathEqualTo("/v1.0" + path))
        .withHeader("Authorization", equalTo("Bearer graph-token"));
  }

  /**
   * A collection served in pages, each page's JSON array given; pages after the first are asked for
   * with {@code $skiptoken=p<n>}.
   */
  public static void collection(String path, List<String> pages) {
    for (int i = 0; i < pages.size(); i++) {
      MappingBuilder request =
          graph(path).withQueryParam("$skiptoken", i == 0 ? absent() : equalTo("p" + (i + 1)));
      server.stubFor(request.willReturn(okJson(page(path, pages, i))));
    }
  }

  /** The users collection, with or without signInActivity allowed (no P1: 403 with it). */
  public static void users(List<String> pages, boolean p1) {
    for (int i = 0; i < pages.size(); i++) {
      server.stubFor(
          graph("/users")
              .withQueryParam("$skiptoken", i == 0 ? absent() : equalTo("p" + (i + 1)))
              .withQueryParam("$select", notContaining("signInActivity"))
              .willReturn(okJson(page("/users", pages, i))));
      if (p1) {
        server.stubFor(
            graph("/users")
                .withQueryParam("$skiptoken", i == 0 ? absent() : equalTo("p" + (i + 1)))
                .withQueryParam("$select", containing("signInActivity"))
                .willReturn(okJson(page("/users", pages, i))));
      }
    }
    if (!p1) {
      server.stubFor(
          graph("/users")
              .withQueryParam("$select", containing("signInActivity"))
              .willReturn(
                  aResponse()
                      .withStatus(403)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"error\":{\"code\":\"Authentication_RequestFromNonPremiumTenantOrB2CTenant\"}}")));
    }
  }

  static String page(String path, List<String> pages, int i) {
    String next =
        i + 1 < pages.size()
            ? ",\"@odata.nextLink\":\"http://localhost:"
                + server.port()
                + "/v1.0"
                + path
                + "?$skiptoken=p"
                + (i + 2)
                + "\""
            : "";
    return "{\"value\":" + pages.get(i) + next + "}";
  }

  /** A user as Graph returns it with $select and $expand=manager. */
  public static String user(
      String id, boolean enabled, String userType, String created, String lastSignIn) {
    String activity =
        lastSignIn == null
            ? ",\"signInActivity\":{\"lastSignInDateTime\":null}"
            : ",\"signInActivity\":{\"lastSignInDateTime\":\"" + lastSignIn + "\"}";
    return "{\"id\":\""
        + id
        + "\",\"displayName\":\""
        + id
        + "\",\"userPrincipalName\":\""
        + id
        + "@example.com\",\"accountEnabled\":"
        + enabled
        + ",\"userType\":\""
        + userType
        + "\",\"createdDateTime\":\""
        + created
        + "\""
        + activity
        + ",\"manager\":{\"id\":\"boss\"}}";
  }

  /** An app role assignment of the platform's service principal. */
  public static String assignment(String principalId, String type, String roleId) {
    return "{\"id\":\"a-"
        + principalId
        + "\",\"principalId\":\""
        + principalId
        + "\",\"principalType\":\""
        + type
        + "\",\"appRoleId\":\""
        + roleId
        + "\"}";
  }
}
