package dev.vigil.keys.bindings;

import static dev.vigil.keys.KeyTestSupport.admin;
import static dev.vigil.keys.KeyTestSupport.bind;
import static dev.vigil.keys.KeyTestSupport.consume;
import static dev.vigil.keys.KeyTestSupport.environmentWithKeysUnbound;
import static dev.vigil.keys.KeyTestSupport.post;
import static dev.vigil.keys.KeyTestSupport.recordSaying;
import static dev.vigil.keys.KeyTestSupport.service;
import static dev.vigil.keys.KeyTestSupport.servicePrincipal;
import static dev.vigil.keys.KeyTestSupport.steppedUpAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ServiceBindingTest {

  private static final String SLOT = "AUTH_ENCRYPTION_KEY";

  @Test
  void shouldRefuseAServiceBoundToStagingOnProd() {
    String staging = environmentWithKeysUnbound("staging");
    String prod = environmentWithKeysUnbound("prod");
    String billing = service("billing");

    post(billing, transit(prod, "encrypt"), plaintexts())
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("not bound to environment " + prod));

    bind(staging, "billing");

    String ciphertext =
        post(billing, transit(staging, "encrypt"), plaintexts())
            .statusCode(200)
            .extract()
            .path("items[0].ciphertext");
    post(billing, transit(staging, "decrypt"), ciphertexts(ciphertext))
        .statusCode(200)
        .body("items[0].plaintext", equalTo(b64("smtp-password")));
    post(billing, transit(prod, "encrypt"), plaintexts()).statusCode(403);
    post(billing, transit(prod, "decrypt"), ciphertexts(ciphertext)).statusCode(403);
    post(billing, transit(prod, "rewrap"), ciphertexts(ciphertext)).statusCode(403);

    putCredential(billing, staging, "smtp").statusCode(200);
    credential(billing, staging, "smtp").statusCode(200).body("value", equalTo("s3cret-value"));
    putCredential(billing, prod, "smtp").statusCode(403);
    putCredential(steppedUpAdmin(), prod, "smtp").statusCode(200);
    credential(billing, prod, "smtp").statusCode(403);
    given()
        .auth()
        .oauth2(billing)
        .delete("/api/v1/keys/environments/" + prod + "/credentials/smtp")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(billing)
        .get("/api/v1/keys/environments/" + prod + "/credentials")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldBindOnlyInTheTokensTenant() {
    String env = environmentWithKeysUnbound("tenant");
    post(
            steppedUpAdmin(),
            bindings(env),
            "{\"objectId\":\""
                + servicePrincipal("billing")
                + "\",\"tenantId\":\"11111111-2222-3333-4444-555555555555\"}")
        .statusCode(201);

    post(service("billing"), transit(env, "encrypt"), plaintexts()).statusCode(403);
  }

  @Test
  void shouldNeedAnAdminWithStepUpToBindOrUnbindAndRecordWhoDidIt() {
    ConsumerTask<String, byte[]> keyEvents = consume("vigil.keys");
    String env = environmentWithKeysUnbound("bindings");
    String body = "{\"objectId\":\"" + servicePrincipal("billing") + "\"}";

    post(admin(), bindings(env), body)
        .statusCode(401)
        .header("WWW-Authenticate", containsString("insufficient_claims"));
    post(service("billing"), bindings(env), body).statusCode(403);
    post(steppedUpAdmin(), bindings(env), "{\"objectId\":\"not a guid\"}")
        .statusCode(400)
        .contentType("application/problem+json");

    int id =
        post(steppedUpAdmin(), bindings(env), body)
            .statusCode(201)
            .body("tenantId", equalTo(EntraIdTestResource.TENANT_ID))
            .body("createdBy.oid", equalTo(servicePrincipal("ada")))
            .extract()
            .path("id");
    post(steppedUpAdmin(), bindings(env), body).statusCode(409);
    given()
        .auth()
        .oauth2(admin())
        .get(bindings(env))
        .then()
        .statusCode(200)
        .body("objectId", hasItem(servicePrincipal("billing")));
    post(service("billing"), transit(env, "encrypt"), plaintexts()).statusCode(200);

    given().auth().oauth2(admin()).delete(bindings(env) + "/" + id).then().statusCode(401);
    given().auth().oauth2(steppedUpAdmin()).delete(bindings(env) + "/" + id).then().statusCode(204);
    post(service("billing"), transit(env, "encrypt"), plaintexts()).statusCode(403);

    String bound = recordSaying(keyEvents, env, "\"BOUND\"");
    assertThat(bound)
        .contains(servicePrincipal("billing"))
        .contains(EntraIdTestResource.TENANT_ID)
        .contains("\"actorTenant\"");
    recordSaying(keyEvents, env, "\"UNBOUND\"");
  }

  private static String bindings(String env) {
    return "/api/v1/keys/environments/" + env + "/service-bindings";
  }

  private static String transit(String env, String operation) {
    return "/api/v1/keys/environments/" + env + "/slots/" + SLOT + "/transit/" + operation;
  }

  private static String plaintexts() {
    return "{\"items\":[{\"plaintext\":\"" + b64("smtp-password") + "\"}]}";
  }

  private static String ciphertexts(String ciphertext) {
    return "{\"items\":[{\"ciphertext\":\"" + ciphertext + "\"}]}";
  }

  private static io.restassured.response.ValidatableResponse putCredential(
      String token, String env, String name) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"value\":\"s3cret-value\"}")
        .put("/api/v1/keys/environments/" + env + "/credentials/" + name)
        .then();
  }

  private static io.restassured.response.ValidatableResponse credential(
      String token, String env, String name) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/keys/environments/" + env + "/credentials/" + name)
        .then();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
