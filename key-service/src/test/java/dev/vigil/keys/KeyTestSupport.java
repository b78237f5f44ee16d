package dev.vigil.keys;

import static io.restassured.RestAssured.given;

import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** Tokens, environment setup and direct database access for key-service tests. */
public final class KeyTestSupport {

  private KeyTestSupport() {}

  public static String admin() {
    return EntraIdTestResource.tokens().user("ada", "Vigil.Admin").sign();
  }

  /** An admin token that satisfied the step-up authentication context. */
  public static String steppedUpAdmin() {
    return EntraIdTestResource.tokens()
        .user("ada", "Vigil.Admin")
        .claim("acrs", List.of("c1"))
        .sign();
  }

  public static String service() {
    return service("platform");
  }

  /** A {@code Vigil.Service} app token of the given client (its oid derives from the name). */
  public static String service(String clientId) {
    return EntraIdTestResource.tokens().app(clientId, "Vigil.Service").sign();
  }

  /** The object ID the test issuer gives the service principal of a client. */
  public static String servicePrincipal(String clientId) {
    return UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Binds a service principal to an environment, as a stepped-up admin. */
  public static void bind(String environment, String clientId) {
    post(
            steppedUpAdmin(),
            "/api/v1/keys/environments/" + environment + "/service-bindings",
            "{\"objectId\":\"" + servicePrincipal(clientId) + "\",\"note\":\"" + clientId + "\"}")
        .statusCode(201);
  }

  /**
   * Registers an environment (namespace of the same name), generates its slots and binds the {@link
   * #service()} principal to it.
   */
  public static String environmentWithKeys(String prefix) {
    String name = environmentWithKeysUnbound(prefix);
    bind(name, "platform");
    return name;
  }

  /** Registers an environment and generates its slots; no service principal is bound to it. */
  public static String environmentWithKeysUnbound(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .auth()
        .oauth2(steppedUpAdmin())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"namespace\":\"" + name + "\"}")
        .post("/api/v1/keys/environments")
        .then()
        .statusCode(201);
    given()
        .auth()
        .oauth2(admin())
        .post("/api/v1/keys/environments/" + name + "/slots/generate")
        .then()
        .statusCode(200);
    return name;
  }

  /** POSTs JSON as the given token. */
  public static ValidatableResponse post(String token, String path, String json) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(json == null ? "{}" : json)
        .post(path)
        .then();
  }

  /** The first published record on the subject whose data contains every one of the texts. */
  public static String recordSaying(
      ConsumerTask<String, byte[]> records, String subject, String... text) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> records.getRecords().stream().anyMatch(r -> says(r, subject, text)));
    return records.getRecords().stream()
        .filter(r -> says(r, subject, text))
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow();
  }

  /** Consumes a topic from its beginning. */
  public static ConsumerTask<String, byte[]> consume(String topic) {
    return KafkaTestBroker.running()
        .companion()
        .consume(String.class, byte[].class)
        .fromTopics(topic);
  }

  private static boolean says(
      ConsumerRecord<String, byte[]> record, String subject, String... texts) {
    String data = new String(record.value(), StandardCharsets.UTF_8);
    return subject.equals(record.key()) && java.util.Arrays.stream(texts).allMatch(data::contains);
  }

  /** A JDBC connection to the service's test database, as the schema owner. */
  public static Connection database() throws SQLException {
    var config = ConfigProvider.getConfig();
    String url =
        "jdbc:postgresql://"
            + config.getValue("vigil.db.host", String.class)
            + ":"
            + config.getValue("vigil.db.port", String.class)
            + "/"
            + config.getValue("vigil.db.name", String.class);
    return DriverManager.getConnection(
        url,
        config.getValue("vigil.db.user", String.class),
        config.getOptionalValue("vigil.db.password", String.class).orElse(""));
  }
}
