package dev.vigil.keys;

import static dev.vigil.keys.KeyTestSupport.admin;
import static dev.vigil.keys.KeyTestSupport.environmentWithKeys;
import static dev.vigil.keys.KeyTestSupport.post;
import static dev.vigil.keys.KeyTestSupport.service;
import static dev.vigil.keys.KeyTestSupport.steppedUpAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Destructive operations an admin can only do with step-up (issue 15, item 6). */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class StepUpTest {

  private static final String SLOT = "AUTH_SECRET";

  @Test
  void shouldNeedStepUpToRegisterAnEnvironment() {
    String name = "stepup-" + UUID.randomUUID().toString().substring(0, 8);
    String body = "{\"name\":\"" + name + "\",\"namespace\":\"" + name + "\"}";

    refusedWithoutStepUp(post(admin(), "/api/v1/keys/environments", body));
    given()
        .auth()
        .oauth2(admin())
        .get("/api/v1/keys/environments")
        .then()
        .body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(name)));

    post(steppedUpAdmin(), "/api/v1/keys/environments", body).statusCode(201);
  }

  @Test
  void shouldNeedStepUpToRetireAKeyVersion() {
    String env = environmentWithKeys("stepup");
    String slot = "/api/v1/keys/environments/" + env + "/slots/" + SLOT;
    post(admin(), slot + "/rotate", "{}").statusCode(200).body("version", equalTo(2));

    refusedWithoutStepUp(post(admin(), slot + "/versions/1/retire", "{}"));
    given()
        .auth()
        .oauth2(admin())
        .get(slot + "/versions")
        .then()
        .body("find { it.version == 1 }.state", equalTo("DECRYPT_ONLY"));

    post(steppedUpAdmin(), slot + "/versions/1/retire", "{}").statusCode(200);
  }

  @Test
  void shouldNeedStepUpForAnAdminToPutOrDeleteVaultCredentials() {
    String env = environmentWithKeys("stepup");
    String credentials = "/api/v1/keys/environments/" + env + "/credentials";

    refusedWithoutStepUp(put(admin(), credentials + "/smtp"));
    refusedWithoutStepUp(
        post(admin(), credentials, "{\"items\":[{\"name\":\"smtp\",\"value\":\"v1-value\"}]}"));
    given().auth().oauth2(service()).get(credentials + "/smtp").then().statusCode(404);

    put(steppedUpAdmin(), credentials + "/smtp").statusCode(200);
    refusedWithoutStepUp(given().auth().oauth2(admin()).delete(credentials + "/smtp").then());
    given().auth().oauth2(service()).get(credentials + "/smtp").then().statusCode(200);

    given().auth().oauth2(steppedUpAdmin()).delete(credentials + "/smtp").then().statusCode(204);
    given().auth().oauth2(service()).get(credentials + "/smtp").then().statusCode(404);
  }

  private static ValidatableResponse put(String token, String path) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"value\":\"v1-value\"}")
        .put(path)
        .then();
  }

  private static void refusedWithoutStepUp(ValidatableResponse response) {
    response
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("insufficient_claims"));
  }
}
