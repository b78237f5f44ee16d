package dev.vigil.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second allowed tenant's tokens are validated against that tenant's own issuer and keys; a
 * tenant not on the list, and a token whose issuer belongs to another tenant, are refused.
 */
@QuarkusTest
@TestProfile(MultiTenantTest.TwoTenants.class)
class MultiTenantTest {

  static final String PARTNER = "5b2c9d1e-3f4a-4b6c-8d7e-9f0a1b2c3d4e";
  static final String STRANGER = "7c3d0e2f-4a5b-4c7d-9e8f-0a1b2c3d4e5f";
  static final String GUEST = "9e4f1a3b-5c6d-4e8f-a0b1-c2d3e4f5a6b7";

  public static class TwoTenants implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "vigil.oidc.allowed-tenants",
          EntraIdTestResource.TENANT_ID + "," + PARTNER + "," + GUEST,
          "vigil.oidc.foreign-tenants.partner.tenant-id",
          PARTNER,
          "vigil.oidc.foreign-tenants.partner.roles",
          "Vigil.Auditor,Vigil.Reviewer");
    }
  }

  @BeforeEach
  void servePartnerTenants() {
    EntraIdTestResource.issuer().addTenant(PARTNER).addTenant(STRANGER).addTenant(GUEST);
  }

  @Test
  void shouldAcceptTheHomeAndAnAllowedTenantsTokens() {
    given().auth().oauth2(home()).get("/api/v1/checklist").then().statusCode(200);
    String partner =
        EntraIdTestResource.issuer().tokens(PARTNER).user("pat", "Vigil.Auditor").sign();
    given().auth().oauth2(partner).get("/api/v1/checklist").then().statusCode(200);
  }

  @Test
  void shouldRefuseATenantNotOnTheList() {
    String stranger =
        EntraIdTestResource.issuer().tokens(STRANGER).user("sam", "Vigil.Auditor").sign();
    given()
        .auth()
        .oauth2(stranger)
        .get("/api/v1/checklist")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("invalid_token"));
  }

  @Test
  void shouldRefuseATokenWhoseIssuerBelongsToAnotherTenant() {
    // Signed by the home issuer but claiming the partner tenant: validated as the partner's, the
    // issuer does not match.
    String mixed =
        EntraIdTestResource.tokens().user("mal", "Vigil.Auditor").claim("tid", PARTNER).sign();
    given().auth().oauth2(mixed).get("/api/v1/checklist").then().statusCode(401);
    // Claiming the home tenant with the partner's issuer is refused by the tenant rules.
    String reversed =
        EntraIdTestResource.issuer()
            .tokens(PARTNER)
            .user("mal", "Vigil.Auditor")
            .claim("tid", EntraIdTestResource.TENANT_ID)
            .sign();
    given().auth().oauth2(reversed).get("/api/v1/checklist").then().statusCode(401);
  }

  private static String home() {
    return EntraIdTestResource.tokens().user("ada", "Vigil.Auditor").sign();
  }

  @Test
  void shouldNotLetAForeignTenantGrantItselfAdmin() {
    String selfMadeAdmin =
        EntraIdTestResource.issuer()
            .tokens(GUEST)
            .user("gus", "Vigil.Admin", "Vigil.Auditor")
            .sign();
    given()
        .auth()
        .oauth2(selfMadeAdmin)
        .contentType("application/json")
        .body("{\"title\":\"Self-made admin\"}")
        .post("/api/v1/incidents")
        .then()
        .statusCode(403);
    given().auth().oauth2(selfMadeAdmin).get("/api/v1/checklist").then().statusCode(403);
  }

  @Test
  void shouldKeepOnlyTheRolesGrantedToAForeignTenant() {
    String partnerClaimingAdmin =
        EntraIdTestResource.issuer()
            .tokens(PARTNER)
            .user("pia", "Vigil.Admin", "Vigil.Auditor")
            .sign();
    given().auth().oauth2(partnerClaimingAdmin).get("/api/v1/checklist").then().statusCode(200);
    given()
        .auth()
        .oauth2(partnerClaimingAdmin)
        .contentType("application/json")
        .body("{\"title\":\"Partner-made incident\"}")
        .post("/api/v1/incidents")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldLeaveTheHomeTenantsRolesAlone() {
    String homeAdmin = EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign();
    given()
        .auth()
        .oauth2(homeAdmin)
        .contentType("application/json")
        .body("{\"title\":\"Home-made incident\"}")
        .post("/api/v1/incidents")
        .then()
        .statusCode(201);
  }
}
