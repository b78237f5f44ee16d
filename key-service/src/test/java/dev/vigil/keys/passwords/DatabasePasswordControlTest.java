package dev.vigil.keys.passwords;

import static dev.vigil.common.contract.ReportedControls.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DatabasePasswordControlTest {

  @KubernetesTestServer KubernetesServer server;

  @Inject DatabasePasswordControl control;

  @Test
  void shouldFailDb01ForADefaultPasswordAndPassOnceItIsStrong() throws Throwable {
    String environment = "db-" + UUID.randomUUID().toString().substring(0, 8);
    password(environment, "postgres");
    String admin =
        EntraIdTestResource.tokens()
            .user("ada", "Vigil.Admin")
            .claim("acrs", java.util.List.of("c1"))
            .sign();
    String registered =
        given()
            .auth()
            .oauth2(admin)
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\""
                    + environment
                    + "\",\"namespace\":\""
                    + environment
                    + "\",\"databaseSecret\":\"platform-db\"}")
            .when()
            .post("/api/v1/keys/environments")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    assertThat(registered)
        .contains("\"databaseSecretKey\":\"password\"")
        .doesNotContain("postgres\"");
    assertThat(status("DB-01")).isEqualTo("FAIL");

    password(environment, "vT9#qL2!mW7zR4@xK8pN");
    VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(control::evaluate));
    assertThat(status("DB-01")).isEqualTo("PASS");
  }

  private void password(String namespace, String password) {
    server
        .getClient()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("platform-db")
                .withNamespace(namespace)
                .endMetadata()
                .addToStringData("password", password)
                .build())
        .createOr(existing -> existing.update());
  }
}
