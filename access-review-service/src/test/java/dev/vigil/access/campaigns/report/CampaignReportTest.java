package dev.vigil.access.campaigns.report;

import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.oid;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.reviewer;
import static dev.vigil.access.AccessTestSupport.service;
import static dev.vigil.access.AccessTestSupport.source;
import static dev.vigil.access.AccessTestSupport.steppedUpAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.vigil.access.sources.graph.GraphStub;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class CampaignReportTest {

  private static final String HOSTILE_NAME = "=HYPERLINK(\"http://evil.example\",\"x\")<script>";

  private static String steppedUpAuditor() {
    return EntraIdTestResource.tokens()
        .user("audrey", "Vigil.Auditor")
        .claim("acrs", List.of("c1"))
        .sign();
  }

  /** A closed campaign over one source whose members carry hostile names and justifications. */
  private static String closedCampaign() {
    long id = source("platform", "PLATFORM");
    post(
            service(),
            "/api/v1/access-reviews/sources/" + id + "/snapshots",
            "{\"members\":[{\"id\":\"mel\",\"displayName\":"
                + "\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")<script>\","
                + "\"status\":\"ACTIVE\",\"roles\":[\"member\"]},"
                + "{\"id\":\"nia\",\"displayName\":\"Nia\",\"status\":\"ACTIVE\",\"roles\":[\"admin\"]}]}")
        .statusCode(201);
    String definition =
        post(
                admin(),
                "/api/v1/access-reviews/campaign-definitions",
                "{\"name\":\"report-%s\",\"scope\":\"MEMBERS\",\"reviewers\":[\"%s\"]}"
                    .formatted(UUID.randomUUID(), oid("rita")))
            .statusCode(201)
            .extract()
            .path("id")
            .toString();
    JsonPath campaign =
        post(
                admin(),
                "/api/v1/access-reviews/campaign-definitions/" + definition + "/campaigns",
                "{}")
            .statusCode(201)
            .extract()
            .jsonPath();
    String campaignId = campaign.getString("id");
    String name = campaign.getString("items.find { it.subjectId == 'mel' }.source");
    long mel =
        campaign.getLong("items.find { it.source == '" + name + "' && it.subjectId == 'mel' }.id");
    post(
            reviewer("rita"),
            "/api/v1/access-reviews/campaigns/" + campaignId + "/decisions",
            "{\"decisions\":[{\"itemId\":"
                + mel
                + ",\"decision\":\"REVOKE\",\"justification\":\"-2+3 @SUM(A1) left\"}]}")
        .statusCode(200);
    post(admin(), "/api/v1/access-reviews/campaigns/" + campaignId + "/close", "{}")
        .statusCode(200);
    return campaignId;
  }

  private static Response report(String token, String campaignId, String format) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/access-reviews/campaigns/" + campaignId + "/report?format=" + format);
  }

  @Test
  void shouldRequireAnAdminOrAuditorWithStepUpToExportAReport() {
    String campaignId = closedCampaign();
    report(admin(), campaignId, "json")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("insufficient_claims"));
    report(
            EntraIdTestResource.tokens()
                .user("rita", "Vigil.Reviewer")
                .claim("acrs", List.of("c1"))
                .sign(),
            campaignId,
            "json")
        .then()
        .statusCode(403);
    report(steppedUpAuditor(), campaignId, "json").then().statusCode(200);
    report(steppedUpAdmin(), campaignId, "xml")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("format"));
    report(steppedUpAdmin(), UUID.randomUUID().toString(), "json").then().statusCode(404);
  }

  @Test
  void shouldReportDecisionsAndRevocationsAsJsonWithADigestStableAcrossExports() {
    String campaignId = closedCampaign();
    JsonPath first =
        report(steppedUpAuditor(), campaignId, "json").then().statusCode(200).extract().jsonPath();
    assertThat(first.getString("state")).isEqualTo("CLOSED");
    assertThat(first.getLong("summary.items")).isEqualTo(first.getList("items").size());
    assertThat(first.getLong("summary.revoked")).isEqualTo(1);
    assertThat(first.getLong("summary.revocationsRequested")).isEqualTo(1);
    assertThat(first.getString("items.find { it.subjectId == 'mel' }.justification"))
        .isEqualTo("-2+3 @SUM(A1) left");
    assertThat(first.getString("items.find { it.subjectId == 'mel' }.decidedBy"))
        .isEqualTo(oid("rita"));
    assertThat(first.getString("generatedBy")).isEqualTo(oid("audrey"));
    assertThat(first.getString("digest")).matches("sha256:[0-9a-f]{64}");
    String again = report(steppedUpAdmin(), campaignId, "json").then().extract().path("digest");
    assertThat(again).as("same campaign state, same digest").isEqualTo(first.getString("digest"));
  }

  @Test
  void shouldExportCsvWithFormulasNeutralised() {
    String campaignId = closedCampaign();
    Response csv = report(steppedUpAuditor(), campaignId, "csv");
    csv.then()
        .statusCode(200)
        .contentType(containsString("text/csv"))
        .header("Content-Disposition", containsString("attachment"));
    List<String> lines = csv.asString().lines().toList();
    assertThat(lines.get(0)).startsWith("source,kind,subjectId,subject,roles,recommendation");
    String mel = lines.stream().filter(l -> l.contains("\"mel\"")).findFirst().orElseThrow();
    assertThat(mel)
        .contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")<script> (mel)\"")
        .contains("\"'-2+3 @SUM(A1) left\"")
        .contains("\"REVOKE\"")
        .doesNotContain(",\"=");
    assertThat(lines.stream().filter(l -> l.contains("\"nia\"")).findFirst().orElseThrow())
        .contains("\"Nia (nia)\"");
  }

  @Test
  void shouldExportOneSelfContainedHtmlFileWithEverythingEscaped() {
    String campaignId = closedCampaign();
    Response html = report(steppedUpAuditor(), campaignId, "html");
    html.then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("default-src 'none'"));
    String page = html.asString();
    assertThat(page)
        .contains("Access review report", campaignId, "-2+3 @SUM(A1) left", "sha256:")
        .contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)&lt;script&gt;")
        .doesNotContain("<script")
        .doesNotContainPattern("(?i)(src|href)\\s*=")
        .doesNotContain("<link");
    String digest = report(steppedUpAuditor(), campaignId, "json").then().extract().path("digest");
    assertThat(page).contains(digest);
  }
}
