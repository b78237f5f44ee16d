package dev.vigil.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import dev.vigil.testing.oidc.Personas;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CallAuditTest {

  private static final String ALICE = UUID.nameUUIDFromBytes("alice".getBytes()).toString();

  @Inject Pool pool;

  @Test
  void shouldAuditEveryCallIncludingRefusedTokensWithoutTheToken() {
    ConsumerTask<String, byte[]> audit =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.audit");
    String caller = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
    String oid = UUID.nameUUIDFromBytes(caller.getBytes()).toString();
    String token = EntraIdTestResource.tokens().user(caller, "Vigil.Auditor").sign();
    given().auth().oauth2(token).get("/api/v1/checklist").then().statusCode(200);
    String forged =
        EntraIdTestResource.tokens().user(caller, "Vigil.Admin").claim("aud", "x").sign();
    given()
        .auth()
        .oauth2(forged)
        .header("User-Agent", "probe-" + caller)
        .get("/api/v1/checklist")
        .then()
        .statusCode(401);

    String success = awaitRecord(audit, oid, "api.call.completed");
    assertThat(success)
        .contains("\"outcome\":\"success\"")
        .contains("\"organization\":\"" + EntraIdTestResource.TENANT_ID + "\"")
        .contains("\"id\":\"/api/v1/checklist\"")
        .contains("\"status\":200")
        .contains("\"sourceAddress\":\"127.0.0.1\"")
        .doesNotContain(token.split("[.]")[1]);
    String rejected = awaitRecord(audit, "anonymous", "probe-" + caller);
    assertThat(rejected)
        .contains("\"action\":\"api.auth.rejected\"")
        .contains("\"outcome\":\"denied\"")
        .contains("\"status\":401")
        .doesNotContain(forged.split("[.]")[1]);
    // Published call events leave the gateway's outbox at once (sent-retention 0s).
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> outboxRows(oid) == 0 && outboxRows("anonymous") == 0);
  }

  @Test
  void shouldRecordTheRightMostAddressNoTrustedProxyWrote() {
    ConsumerTask<String, byte[]> audit =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.audit");
    String marker = "xff-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .auth()
        .oauth2("not-a-token")
        .header("User-Agent", marker)
        .header("X-Forwarded-For", "198.51.100.77, 203.0.113.50")
        .get("/api/v1/checklist")
        .then()
        .statusCode(401);

    assertThat(awaitRecord(audit, "anonymous", marker))
        .contains("\"sourceAddress\":\"203.0.113.50\"")
        .doesNotContain("198.51.100.77");
  }

  @Test
  void shouldRecordTheCorrelationIdOfTheGatewaysOwnEndpoints() {
    ConsumerTask<String, byte[]> audit =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.audit");
    String sent = "own-" + UUID.randomUUID();
    given()
        .auth()
        .oauth2(Personas.auditor())
        .header("X-Correlation-ID", sent)
        .get("/api/v1/checklist")
        .then()
        .statusCode(200)
        .header("X-Correlation-ID", sent);
    String marker = "no-id-" + UUID.randomUUID();
    String created =
        given()
            .auth()
            .oauth2(Personas.auditor())
            .header("User-Agent", marker)
            .header("X-Correlation-ID", "not safe; " + marker)
            .get("/api/v1/checklist")
            .then()
            .statusCode(200)
            .extract()
            .header("X-Correlation-ID");

    assertThat(awaitRecord(audit, ALICE, sent)).contains("\"correlationId\":\"" + sent + "\"");
    assertThat(UUID.fromString(created)).as("a fresh id replaces an unsafe one").isNotNull();
    assertThat(awaitRecord(audit, ALICE, marker))
        .contains("\"correlationId\":\"" + created + "\"")
        .doesNotContain("not safe");
  }

  private long outboxRows(String subject) {
    return pool.preparedQuery("SELECT count(*) FROM vigil_outbox WHERE subject = $1")
        .executeAndAwait(Tuple.of(subject))
        .iterator()
        .next()
        .getLong(0);
  }

  private static String awaitRecord(ConsumerTask<String, byte[]> records, String key, String text) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> records.getRecords().stream().anyMatch(r -> matches(r, key, text)));
    return records.getRecords().stream()
        .filter(r -> matches(r, key, text))
        .map(r -> new String(r.value(), StandardCharsets.UTF_8).replace(" ", ""))
        .findFirst()
        .orElseThrow();
  }

  private static boolean matches(ConsumerRecord<String, byte[]> record, String key, String text) {
    return key.equals(record.key())
        && new String(record.value(), StandardCharsets.UTF_8).contains(text);
  }
}
