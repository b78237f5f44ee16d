package dev.vigil.keys.transit;

import static dev.vigil.keys.KeyTestSupport.admin;
import static dev.vigil.keys.KeyTestSupport.environmentWithKeys;
import static dev.vigil.keys.KeyTestSupport.post;
import static dev.vigil.keys.KeyTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TransitTest {

  private static final String SLOT = "AUTH_ENCRYPTION_KEY";

  @Test
  void shouldEncryptWithAFreshNonceAndDecryptOnlyUnderTheSameContext() {
    String env = environmentWithKeys("transit");
    String base = "/api/v1/keys/environments/" + env + "/slots/" + SLOT + "/transit";
    String item =
        "{\"plaintext\":\"" + b64("smtp-password") + "\",\"context\":\"" + b64("org-7") + "\"}";

    List<String> ciphertexts =
        post(service(), base + "/encrypt", "{\"items\":[" + item + "," + item + "]}")
            .statusCode(200)
            .body("items[0].keyVersion", equalTo(1))
            .extract()
            .jsonPath()
            .getList("items.ciphertext");

    assertThat(ciphertexts).allMatch(c -> c.startsWith("vigil:v1:"));
    assertThat(ciphertexts.get(0)).isNotEqualTo(ciphertexts.get(1));
    String decrypt =
        "{\"items\":[{\"ciphertext\":\""
            + ciphertexts.get(0)
            + "\",\"context\":\""
            + b64("org-7")
            + "\"},{\"ciphertext\":\""
            + ciphertexts.get(1)
            + "\",\"context\":\""
            + b64("org-8")
            + "\"}]}";
    post(service(), base + "/decrypt", decrypt)
        .statusCode(200)
        .body("items[0].plaintext", equalTo(b64("smtp-password")))
        .body("items[1].plaintext", org.hamcrest.Matchers.nullValue())
        .body("items[1].error", containsString("does not authenticate"));
  }

  @Test
  void shouldNotDecryptACiphertextUnderAnotherSlotOrWithAForgedVersion() {
    String env = environmentWithKeys("transit");
    String slots = "/api/v1/keys/environments/" + env + "/slots/";
    String ciphertext =
        post(
                service(),
                slots + SLOT + "/transit/encrypt",
                "{\"items\":[{\"plaintext\":\"" + b64("x") + "\"}]}")
            .statusCode(200)
            .extract()
            .path("items[0].ciphertext");

    post(
            service(),
            slots + "AUTH_SECRET/transit/decrypt",
            "{\"items\":[{\"ciphertext\":\"" + ciphertext + "\"}]}")
        .body("items[0].error", containsString("does not authenticate"));
    post(
            service(),
            slots + SLOT + "/transit/decrypt",
            "{\"items\":[{\"ciphertext\":\""
                + ciphertext.replace("vigil:v1:", "vigil:v7:")
                + "\"}]}")
        .body("items[0].error", containsString("version 7"));
    post(
            service(),
            slots + SLOT + "/transit/decrypt",
            "{\"items\":[{\"ciphertext\":\"plain text\"}]}")
        .body("items[0].error", containsString("not a vigil:v<n>:<base64> ciphertext"));
  }

  @Test
  void shouldRewrapToTheNewPrimaryAfterRotationWithoutReturningPlaintext() {
    String env = environmentWithKeys("transit");
    String base = "/api/v1/keys/environments/" + env + "/slots/" + SLOT;
    String old =
        post(
                service(),
                base + "/transit/encrypt",
                "{\"items\":[{\"plaintext\":\"" + b64("db-token") + "\"}]}")
            .extract()
            .path("items[0].ciphertext");

    post(admin(), base + "/rotate", "{}").statusCode(200).body("version", equalTo(2));

    String rewrapped =
        post(service(), base + "/transit/rewrap", "{\"items\":[{\"ciphertext\":\"" + old + "\"}]}")
            .statusCode(200)
            .body("items[0].keyVersion", equalTo(2))
            .body("items[0].plaintext", org.hamcrest.Matchers.nullValue())
            .extract()
            .path("items[0].ciphertext");
    assertThat(rewrapped).startsWith("vigil:v2:");
    post(
            service(),
            base + "/transit/decrypt",
            "{\"items\":[{\"ciphertext\":\"" + old + "\"},{\"ciphertext\":\"" + rewrapped + "\"}]}")
        .body("items[0].plaintext", equalTo(b64("db-token")))
        .body("items[1].plaintext", equalTo(b64("db-token")));
  }

  @Test
  void shouldRefuseBadRequestsWithProblemDetails() {
    String env = environmentWithKeys("transit");
    String base = "/api/v1/keys/environments/" + env + "/slots/" + SLOT + "/transit";
    post(service(), base + "/encrypt", "{\"items\":[]}")
        .statusCode(400)
        .contentType("application/problem+json");
    post(service(), base + "/encrypt", "{\"items\":[{\"plaintext\":\"%%%\"}]}")
        .statusCode(200)
        .body("items[0].error", equalTo("plaintext is not valid base64"));
    post(admin(), base + "/decrypt", "{\"items\":[{\"ciphertext\":\"vigil:v1:AAAA\"}]}")
        .statusCode(403);
    post(
            service(),
            "/api/v1/keys/environments/" + env + "/slots/NO_SUCH_SLOT/transit/encrypt",
            "{\"items\":[{\"plaintext\":\"" + b64("x") + "\"}]}")
        .statusCode(200)
        .body("items[0].error", containsString("no usable primary version"));
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
