package dev.vigil.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UnifiedOpenApiTest {

  @Test
  void shouldServeOneDocumentWithoutATokenAndNameTheServicesItCouldNotReach() {
    // The test profile routes to ports where no service listens: the gateway's part stays.
    given()
        .get("/api/v1/openapi")
        .then()
        .statusCode(200)
        .body("info.title", org.hamcrest.Matchers.equalTo("Vigil API"))
        .body("paths", hasKey("/api/v1/checklist"))
        .body("paths", hasKey("/api/v1/checklist/attestations"))
        .body("paths", hasKey("/api/v1/posture/scans"))
        .body("paths", not(hasKey("/api/v1/{service}/{rest}")))
        .body("x-vigil-missing", hasItems("key-service", "audit-log-service"));
  }

  @Test
  void shouldServeSwaggerUiPointingAtTheWholeApi() {
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
  }
}
