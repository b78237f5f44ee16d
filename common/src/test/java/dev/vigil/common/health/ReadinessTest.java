package dev.vigil.common.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.net.TcpProxy;
import dev.vigil.testing.postgres.PostgresTestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadinessTest {

  @Test
  void shouldReportDownWhileTheDatabaseIsUnreachableAndUpAfterwards() {
    assertReady();
    TcpProxy database = PostgresTestDatabase.proxy();
    database.cut();
    try {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(ReadinessTest::assertNotReady);
      given().when().get("/q/health/ready").then().body("checks.status", hasItem("DOWN"));
    } finally {
      database.restore();
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(ReadinessTest::assertReady);
  }

  @Test
  void shouldReportDownWhileKafkaIsUnreachableAndUpAfterwards() {
    assertReady();
    KafkaTestBroker broker = KafkaTestBroker.running();
    broker.stopBroker();
    try {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(ReadinessTest::assertNotReady);
    } finally {
      broker.startBroker();
    }
    await().atMost(Duration.ofSeconds(60)).untilAsserted(ReadinessTest::assertReady);
  }

  @Test
  void shouldStayAliveWhileDependenciesAreDown() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  private static void assertReady() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200)
        .body("status", equalTo("UP"));
  }

  private static void assertNotReady() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(503)
        .body("status", equalTo("DOWN"));
  }
}
