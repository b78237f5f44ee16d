package dev.vigil.common.contract;

import static io.restassured.RestAssured.given;

import dev.vigil.testing.oidc.EntraIdTestResource;
import java.util.List;
import java.util.Map;

/** What the service under test last reported per control, read through its API. */
public final class ReportedControls {

  private ReportedControls() {}

  /** The control's last reported status, or {@code NONE} when it was never reported. */
  public static String status(String control) {
    List<Map<String, Object>> reported =
        given()
            .auth()
            .oauth2(EntraIdTestResource.tokens().user("auditor", "Vigil.Auditor").sign())
            .when()
            .get("/api/v1/reported-controls")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    return reported.stream()
        .filter(c -> control.equals(c.get("controlId")))
        .map(c -> (String) c.get("status"))
        .findFirst()
        .orElse("NONE");
  }
}
