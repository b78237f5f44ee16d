package dev.vigil.gateway.report;

import static dev.vigil.gateway.GatewayTestSupport.auditor;
import static dev.vigil.gateway.GatewayTestSupport.awaitStatus;
import static dev.vigil.gateway.GatewayTestSupport.publishEvaluation;
import static dev.vigil.gateway.GatewayTestSupport.reviewer;
import static dev.vigil.gateway.GatewayTestSupport.steppedUpAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChecklistReportTest {

  private static final String REPORT = "/api/v1/checklist/report";

  @Test
  void shouldShowTheChecklistAsItStoodAtThePointInTimeAsked() {
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);
    publishEvaluation("MON-03", "PASS", start, start.plusHours(2));
    awaitStatus("MON-03", "PASS");
    OffsetDateTime between = OffsetDateTime.now(ZoneOffset.UTC);
    // Evaluated after `between` by construction (and received after it, being sent now).
    publishEvaluation("MON-03", "FAIL", between.plusNanos(1_000_000), start.plusHours(2));
    awaitStatus("MON-03", "FAIL");

    report("?format=json&at=" + between)
        .then()
        .statusCode(200)
        .body("checklist.controls.find { it.id == 'MON-03' }.status", equalTo("PASS"))
        .body("checklist.summary.total", equalTo(42));
    report("?format=json")
        .then()
        .statusCode(200)
        .body("checklist.controls.find { it.id == 'MON-03' }.status", equalTo("FAIL"));
    report("?format=json&at=" + OffsetDateTime.now(ZoneOffset.UTC).plusDays(1))
        .then()
        .statusCode(400);
  }

  @Test
  void shouldRenderOneSelfContainedHtmlFileWithEveryControlEscaped() {
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .contentType("application/json")
        .body("{\"controlId\":\"ENV-03\",\"note\":\"<script>alert('x')</script> modes checked\"}")
        .post("/api/v1/checklist/attestations")
        .then()
        .statusCode(201);
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);

    Response html = report("?format=html&at=" + at);
    html.then().statusCode(200).contentType("text/html");
    String page = html.asString();
    assertThat(page).startsWith("<!DOCTYPE html>");
    assertThat(page)
        .contains("Security checklist report", "KEY-01", "CON-04", "Accepted-risk exceptions");
    assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; modes checked");
    assertThat(page).doesNotContain("<script>");
    assertThat(page).doesNotContainPattern("(src|href)=");
    assertThat(html.headers().getValues("Content-Security-Policy")).hasSize(1);
    assertThat(html.header("Content-Security-Policy"))
        .contains("default-src 'none'")
        .contains("style-src 'sha256-");
    assertThat(html.header("Content-Disposition")).contains("vigil-checklist-");

    String jsonDigest =
        report("?format=json&at=" + at).then().statusCode(200).extract().path("digest");
    assertThat(page).contains(jsonDigest);
  }

  @Test
  void shouldLetAuditorsAndAdminsReadReportsOnly() {
    given().auth().oauth2(reviewer()).get(REPORT).then().statusCode(403);
    given()
        .auth()
        .oauth2(auditor())
        .accept("text/html")
        .get(REPORT)
        .then()
        .statusCode(200)
        .contentType("text/html");
    given().auth().oauth2(auditor()).get(REPORT + "?format=pdf").then().statusCode(400);
  }

  private static Response report(String query) {
    return given().auth().oauth2(auditor()).get(REPORT + query);
  }
}
