package dev.vigil.backups;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Tokens and API steps shared by backup-service tests. */
public final class BackupTestSupport {

  /** A schedule that never fires during a test run: tests ask for backups themselves. */
  public static final String NEVER = "0 0 1 1 *";

  private BackupTestSupport() {}

  public static String admin() {
    return EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign();
  }

  public static String steppedUpAdmin() {
    return EntraIdTestResource.tokens()
        .user("ada", "Vigil.Admin")
        .claim("acrs", List.of("c1"))
        .sign();
  }

  public static String auditor() {
    return EntraIdTestResource.tokens().user("audrey", "Vigil.Auditor").sign();
  }

  /** A unique target name. */
  public static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Registers a target of the test source database, scheduled never; returns its id. */
  public static String target(String name, String extraJson) {
    String body =
        "{\"name\":\""
            + name
            + "\",\"host\":\""
            + BackupEnvironment.HOST
            + "\",\"port\":"
            + BackupEnvironment.PORT
            + ",\"database\":\""
            + BackupEnvironment.source()
            + "\",\"username\":\""
            + BackupEnvironment.USER
            + "\",\"sslMode\":\"disable\",\"schedule\":\""
            + NEVER
            + "\",\"restoreTestSchedule\":\""
            + NEVER
            + "\",\"rpoMinutes\":600000"
            + (BackupEnvironment.PASSWORD.isEmpty()
                ? ""
                : ",\"passwordEnv\":\"VIGIL_TEST_PG_PASSWORD\"")
            + (extraJson == null || extraJson.isEmpty() ? "" : "," + extraJson)
            + "}";
    return given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/backups/targets")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Asks for a backup now; returns its id. */
  public static String backup(String targetId) {
    return given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"targetId\":\"" + targetId + "\"}")
        .post("/api/v1/backups")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /** Waits until the backup leaves QUEUED/RUNNING and returns it. */
  public static JsonPath finished(String backupId) {
    return finished("/api/v1/backups/" + backupId, List.of("QUEUED", "RUNNING"));
  }

  /** Waits until the restore leaves QUEUED/RUNNING and returns it. */
  public static JsonPath finishedRestore(String restoreId) {
    return finished("/api/v1/backups/restores/" + restoreId, List.of("QUEUED", "RUNNING"));
  }

  private static JsonPath finished(String path, List<String> running) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> !running.contains(get(path).getString("status")));
    return get(path);
  }

  public static JsonPath get(String path) {
    return given().auth().oauth2(auditor()).get(path).then().statusCode(200).extract().jsonPath();
  }

  /** Queues a restore test of the target's newest verified backup; returns its id. */
  public static String restoreTest(String targetId, boolean drill) {
    return given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"targetId\":\"" + targetId + "\",\"drill\":" + drill + "}")
        .post("/api/v1/backups/restores/tests")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }
}
