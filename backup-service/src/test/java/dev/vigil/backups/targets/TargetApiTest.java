package dev.vigil.backups.targets;

import static dev.vigil.backups.BackupTestSupport.admin;
import static dev.vigil.backups.BackupTestSupport.auditor;
import static dev.vigil.backups.BackupTestSupport.backup;
import static dev.vigil.backups.BackupTestSupport.finished;
import static dev.vigil.backups.BackupTestSupport.name;
import static dev.vigil.backups.BackupTestSupport.steppedUpAdmin;
import static dev.vigil.backups.BackupTestSupport.target;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Targets refuse what cannot work, never hold a password, and need the right roles. */
@QuarkusTest
class TargetApiTest {

  @Test
  void shouldRefuseWhatCannotWorkNamingEveryField() {
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"Bad Name\",\"host\":\"db\",\"database\":\"app\",\"username\":\"u\","
                + "\"schedule\":\"every hour\",\"sslMode\":\"maybe\","
                + "\"retention\":{\"hourly\":0,\"daily\":0,\"weekly\":0,\"monthly\":0,\"yearly\":0,\"minimum\":0},"
                + "\"passwordSecret\":{\"name\":\"db\",\"key\":\"password\"},\"passwordEnv\":\"DB_PASSWORD\","
                + "\"checks\":[{\"name\":\"owners\",\"expected\":\"1\"}]}")
        .post("/api/v1/backups/targets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors",
            hasItems(
                containsString("name:"),
                containsString("schedule: not a valid Unix cron expression"),
                containsString("sslMode:"),
                containsString("retention: a policy that keeps nothing"),
                containsString("passwordSecret, passwordEnv: give one password source"),
                containsString("checks[0].sql: is required")));
  }

  @Test
  void shouldRefuseAScheduleThatCannotMeetTheRecoveryPointObjective() {
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\""
                + name("rpo")
                + "\",\"host\":\"db\",\"database\":\"app\",\"username\":\"u\","
                + "\"schedule\":\"0 3 * * *\",\"rpoMinutes\":60}")
        .post("/api/v1/backups/targets")
        .then()
        .statusCode(400)
        .body("errors", hasItem(containsString("schedule: backups further apart than rpoMinutes")));
  }

  @Test
  void shouldReferenceThePasswordAndNeverShowIt() {
    String id =
        given()
            .auth()
            .oauth2(admin())
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\""
                    + name("secretref")
                    + "\",\"host\":\"db.internal\",\"database\":\"app\",\"username\":\"app\","
                    + "\"passwordSecret\":{\"namespace\":\"platform\",\"name\":\"app-db\",\"key\":\"password\"}}")
            .post("/api/v1/backups/targets")
            .then()
            .statusCode(201)
            .body("passwordSource", equalTo("secret:platform/app-db#password"))
            .body("schedule", equalTo("0 * * * *"))
            .body("retention.minimum", equalTo(3))
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(auditor())
        .get("/api/v1/backups/targets/" + id)
        .then()
        .statusCode(200)
        .body("passwordSource", equalTo("secret:platform/app-db#password"));
  }

  @Test
  void shouldDeleteATargetWhoseBackupsAllFailedButNotOneWithAStoredBackup() {
    String failing = target(name("failing"), "\"port\":1");
    assertThat(finished(backup(failing)).getString("status")).isEqualTo("FAILED");
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .delete("/api/v1/backups/targets/" + failing)
        .then()
        .statusCode(204);

    String stored = target(name("stored"), null);
    assertThat(finished(backup(stored)).getString("status")).isEqualTo("VERIFIED");
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .delete("/api/v1/backups/targets/" + stored)
        .then()
        .statusCode(409)
        .body("detail", containsString("1 backups of this target are stored"));
  }

  @Test
  void shouldNeedAdminToChangeAndStepUpToDelete() {
    String id = target(name("roles"), null);
    given()
        .auth()
        .oauth2(auditor())
        .contentType(ContentType.JSON)
        .body("{\"enabled\":false}")
        .patch("/api/v1/backups/targets/" + id)
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"enabled\":false,\"name\":\"renamed\"}")
        .patch("/api/v1/backups/targets/" + id)
        .then()
        .statusCode(409);
    given()
        .auth()
        .oauth2(admin())
        .delete("/api/v1/backups/targets/" + id)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("insufficient_claims"));
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .delete("/api/v1/backups/targets/" + id)
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(auditor())
        .get("/api/v1/backups/targets")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(id)));
  }
}
