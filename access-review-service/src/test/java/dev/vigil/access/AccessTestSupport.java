package dev.vigil.access;

import static io.restassured.RestAssured.given;

import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/** Tokens, sources and HTTP helpers for access-review-service tests. */
public final class AccessTestSupport {

  private AccessTestSupport() {}

  public static String admin() {
    return EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign();
  }

  public static String steppedUpAdmin() {
    return EntraIdTestResource.tokens()
        .user("ada", "Vigil.Admin")
        .claim("acrs", List.of("c1"))
        .sign();
  }

  public static String reviewer(String name) {
    return EntraIdTestResource.tokens().user(name, "Vigil.Reviewer").sign();
  }

  public static String service() {
    return EntraIdTestResource.tokens().app("platform", "Vigil.Service").sign();
  }

  /** The object id the test issuer gives a user token of this name. */
  public static String oid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Registers a source and returns its id. */
  public static long source(String prefix, String kind) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return post(
            admin(),
            "/api/v1/access-reviews/sources",
            "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\"}")
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  public static ValidatableResponse post(String token, String path, String json) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(json == null ? "{}" : json)
        .post(path)
        .then();
  }

  public static ValidatableResponse get(String token, String path) {
    return given().auth().oauth2(token).get(path).then();
  }

  /** Consumes a topic from its beginning. */
  public static ConsumerTask<String, byte[]> consume(String topic) {
    return KafkaTestBroker.running()
        .companion()
        .consume(String.class, byte[].class)
        .fromTopics(topic);
  }

  /** The first record whose data contains every text, waiting up to 30 s. */
  public static String recordSaying(ConsumerTask<String, byte[]> records, String... texts) {
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> records.getRecords().stream().anyMatch(r -> says(r, texts)));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "no record says "
              + Arrays.toString(texts)
              + " among: "
              + records.getRecords().stream()
                  .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                  .toList(),
          e);
    }
    return records.getRecords().stream()
        .filter(r -> says(r, texts))
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow();
  }

  private static boolean says(ConsumerRecord<String, byte[]> record, String... texts) {
    String data = new String(record.value(), StandardCharsets.UTF_8);
    return Arrays.stream(texts).allMatch(data::contains);
  }
}
